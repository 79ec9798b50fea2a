package org.coldwatch.sim.devices;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A hand-driven nanosecond clock for device tests. Optionally advances by a fixed step on every reading, like real
 * time passing between a driver's pin operations.
 */
public final class FakeNanos implements LongSupplier {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final long stepPerReading;

    /** A clock that moves only when told. */
    public FakeNanos() {
        this(0);
    }

    /**
     * A clock that also moves {@code stepPerReadingNanos} every time it is read.
     *
     * @param stepPerReadingNanos nanoseconds added per reading
     */
    public FakeNanos(long stepPerReadingNanos) {
        this.stepPerReading = stepPerReadingNanos;
    }

    @Override
    public long getAsLong() {
        return now.getAndAdd(stepPerReading);
    }

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    /** Moves the clock forward by microseconds. */
    public void advanceMicros(long micros) {
        now.addAndGet(micros * 1_000);
    }
}
