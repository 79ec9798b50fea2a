package org.coldwatch.sim.fleet;

import java.util.SplittableRandom;

/**
 * Exponential backoff with "equal jitter" for reconnects: attempt {@code n} waits between half and all of
 * {@code min(max, initial·2^n)}, so thousands of gateways that lost the server at the same moment do not come back in
 * the same millisecond, yet none waits longer than {@code max}. Not thread-safe: one per gateway.
 */
final class ReconnectBackoff {
    private final long initialMillis;
    private final long maxMillis;
    private final SplittableRandom random;
    private int attempt;

    ReconnectBackoff(long initialMillis, long maxMillis, SplittableRandom random) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** The delay before the next attempt, in milliseconds. */
    long nextDelayMillis() {
        long ceiling = initialMillis << Math.min(attempt, 20);
        long cap = Math.min(maxMillis, ceiling);
        attempt++;
        long half = cap / 2;
        return half + (half == 0 ? 0 : random.nextLong(cap - half + 1));
    }

    /** Starts over after a successful connect. */
    void reset() {
        attempt = 0;
    }
}
