package org.coldwatch.server.ingest.broker;

import java.util.HashSet;
import java.util.Set;

/**
 * Decides whether the answer to a message may be sent, so that a PUBACK only ever acknowledges the message it was
 * meant for.
 *
 * <p>A packet id names a message only within one connection's window: after a reconnect the broker sends the
 * unacknowledged messages again (DUP) under the same ids, and once such an id is acknowledged it may reuse it for
 * another message. So an answer is sent only if it belongs to the current connection, and only for the first copy
 * of an id seen in it; a later copy with an id already pending is processed (the store recognises the duplicate)
 * but not answered, since the first copy's answer acknowledges it. Connection losses start a new generation.
 */
final class AckGate {
    /** Returned by {@link #admit} for a copy whose id is already pending: never answer it. */
    static final long NO_ANSWER = -1;

    private long generation;
    private final Set<Integer> pending = new HashSet<>();

    /** A message arrived; returns the token to pass to {@link #release}, or {@link #NO_ANSWER}. */
    synchronized long admit(int messageId) {
        return pending.add(messageId) ? generation : NO_ANSWER;
    }

    /** The message was handled: whether its PUBACK may be sent now (same connection, still pending). */
    synchronized boolean release(long token, int messageId) {
        return token == generation && pending.remove(messageId);
    }

    /** The connection was lost or closed: every pending answer is void (the broker will send those again). */
    synchronized void connectionLost() {
        generation++;
        pending.clear();
    }

    /** Messages received in this connection and not answered yet. */
    synchronized int pendingCount() {
        return pending.size();
    }
}
