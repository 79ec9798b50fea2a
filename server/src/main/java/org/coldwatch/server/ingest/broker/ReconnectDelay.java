package org.coldwatch.server.ingest.broker;

import java.time.Duration;

/** Exponential reconnect backoff: doubles from {@code first} up to {@code max}, back to {@code first} on success. */
final class ReconnectDelay {
    private final Duration first;
    private final Duration max;
    private Duration next;

    ReconnectDelay(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** The delay before the next attempt; the one after is twice as long, at most {@code max}. */
    synchronized Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    /** A connection succeeded. */
    synchronized void reset() {
        next = first;
    }
}
