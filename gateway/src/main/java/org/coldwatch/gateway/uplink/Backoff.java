package org.coldwatch.gateway.uplink;

import java.time.Duration;
import java.util.Random;

/**
 * Capped exponential backoff with full jitter: the n-th wait (from 0) is uniformly random in
 * {@code [0, min(max, initial × multiplier^n)]}. Full jitter spreads the reconnects of many gateways after a server
 * outage instead of having them arrive in waves. Pure and not thread-safe; one instance per connection loop.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final double multiplier;
    private final Random random;
    private int attempt;

    /**
     * @param initial    ceiling of the first wait, positive
     * @param max        largest ceiling, at least {@code initial}
     * @param multiplier growth of the ceiling per attempt, at least 1
     * @param random     source of jitter (seeded in tests)
     */
    public Backoff(Duration initial, Duration max, double multiplier, Random random) {
        if (initial.toMillis() < 1) {
            throw new IllegalArgumentException("initial: must be at least 1 ms, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max: must be at least initial (" + initial + "), was " + max);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier: must be a finite number ≥ 1, was " + multiplier);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.multiplier = multiplier;
        this.random = random;
    }

    /** The ceiling of the next wait, without consuming an attempt. */
    public Duration nextCeiling() {
        double ceiling = initialMillis * Math.pow(multiplier, attempt);
        return Duration.ofMillis(ceiling >= maxMillis ? maxMillis : (long) ceiling);
    }

    /** The next wait, uniformly random between 0 and {@link #nextCeiling()}, both inclusive. */
    public Duration next() {
        long ceiling = nextCeiling().toMillis();
        if (ceiling < maxMillis) {
            attempt++;
        }
        return Duration.ofMillis((long) (random.nextDouble() * (ceiling + 1)));
    }

    /** Back to the first attempt, after a success. */
    public void reset() {
        attempt = 0;
    }
}
