package org.coldwatch.server.ingest.limits;

import java.util.function.LongSupplier;

/**
 * A token bucket that lends: {@link #take} always succeeds, and says how long the caller must wait until the tokens
 * it took (possibly into debt) have been earned back. Nothing is ever refused, which is the point: the endpoint
 * delays an acknowledgement by that wait, it never drops a message.
 *
 * <p>Pure and thread-safe; the clock is injected as a nanosecond source ({@code System::nanoTime} in production).
 */
public final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double tokensPerNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefillNanos;

    /**
     * A full bucket.
     *
     * @param tokensPerSecond refill rate, above 0
     * @param capacity        the burst: how many tokens may be taken at once without waiting, at least 1
     * @param nanoTime        monotonic nanoseconds
     */
    public TokenBucket(double tokensPerSecond, double capacity, LongSupplier nanoTime) {
        if (!(tokensPerSecond > 0) || !(capacity >= 1)) {
            throw new IllegalArgumentException("rate " + tokensPerSecond + "/s and capacity " + capacity
                    + " must be > 0 and >= 1");
        }
        this.tokensPerNano = tokensPerSecond / NANOS_PER_SECOND;
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.lastRefillNanos = nanoTime.getAsLong();
    }

    /**
     * Takes {@code count} tokens, going into debt if there are not enough.
     *
     * @return nanoseconds until the bucket is out of debt again; 0 if there were enough tokens
     */
    public synchronized long take(double count) {
        refill();
        tokens -= count;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / tokensPerNano);
    }

    /** Tokens available now (negative while in debt). */
    public synchronized double available() {
        refill();
        return tokens;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            lastRefillNanos = now;
        }
    }
}
