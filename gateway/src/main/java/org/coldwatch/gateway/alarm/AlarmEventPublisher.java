package org.coldwatch.gateway.alarm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;
import org.coldwatch.protocol.events.AlarmEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alarm events to the server as {@link AlarmEventMessage}s. While the link is down, up to {@value #MAX_PENDING}
 * events wait in memory and go out, oldest first, at the next event or tick once connected; beyond that the oldest
 * are dropped and counted (every event is in the log, and the current state is in every health report).
 */
public final class AlarmEventPublisher implements AlarmEventSink {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmEventPublisher.class);
    static final int MAX_PENDING = 256;

    private final Predicate<byte[]> publish;
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private long dropped;

    /** @param publish hands one payload to the link; false when not connected */
    public AlarmEventPublisher(Predicate<byte[]> publish) {
        this.publish = publish;
    }

    @Override
    public synchronized void accept(AlarmEvent event) {
        AlarmEventMessage message = new AlarmEventMessage(event.type().name().toLowerCase(java.util.Locale.ROOT),
                event.ruleId(), event.sensorId(), event.condition().wireName(), event.value(), event.at());
        if (pending.size() == MAX_PENDING) {
            pending.removeFirst();
            dropped++;
            LOG.warn("alarm: {} event(s) not sent to the server so far (link down, queue full); they are in this log",
                    dropped);
        }
        pending.addLast(message.encode());
        idle();
    }

    @Override
    public synchronized void idle() {
        while (!pending.isEmpty() && publish.test(pending.peekFirst())) {
            pending.removeFirst();
        }
    }

    /** Events waiting for the link. */
    public synchronized int pendingCount() {
        return pending.size();
    }
}
