package org.coldwatch.gateway.sensor.door;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns raw samples of a chattering contact into clean transitions: a new level counts once it has been stable for
 * {@code stableFor}; the transition is dated at the first edge that left the old level, so the chatter does not shift
 * the time. A level that falls back before it is stable is a glitch and produces nothing. Also measures how long the
 * door stood open.
 *
 * <p>Stability and durations are measured on a monotonic nanosecond count, not on the wall clock: a Pi has no RTC and
 * its clock jumps when NTP first synchronises, which must neither make a bounce look stable nor a door open for
 * decades. The wall-clock instant only dates the change. Plain logic, not thread-safe.
 */
final class Debouncer {
    private final long stableForNanos;
    private boolean stable;
    private boolean raw;
    private long rawSinceNanos;
    private Instant departedAt;
    private long departedNanos;
    private long openedNanos;
    private boolean openedSeen;

    /**
     * @param stableFor how long a level must hold
     * @param open      the state at start
     * @param nanos     the monotonic time of that sample
     */
    Debouncer(Duration stableFor, boolean open, long nanos) {
        this.stableForNanos = Objects.requireNonNull(stableFor, "stableFor").toNanos();
        this.stable = open;
        this.raw = open;
        this.rawSinceNanos = nanos;
    }

    /** The debounced state. */
    boolean open() {
        return stable;
    }

    /**
     * One raw sample.
     *
     * @param open  the contact's raw state now
     * @param at    the wall-clock time of the sample, for dating a change
     * @param nanos the monotonic time of the sample (non-decreasing, e.g. {@link System#nanoTime()})
     * @return the transition this sample confirms, if any
     */
    Optional<DoorChange> sample(boolean open, Instant at, long nanos) {
        if (open != raw) {
            raw = open;
            rawSinceNanos = nanos;
            if (open != stable && departedAt == null) {
                departedAt = at;
                departedNanos = nanos;
            }
        }
        if (nanos - rawSinceNanos < stableForNanos) {
            return Optional.empty();
        }
        if (raw == stable) {
            departedAt = null;
            return Optional.empty();
        }
        stable = raw;
        Instant when = departedAt == null ? at : departedAt;
        long whenNanos = departedAt == null ? nanos : departedNanos;
        departedAt = null;
        if (stable) {
            openedNanos = whenNanos;
            openedSeen = true;
            return Optional.of(new DoorChange(true, when, Optional.empty()));
        }
        Optional<Duration> openFor = openedSeen ? Optional.of(Duration.ofNanos(whenNanos - openedNanos))
                : Optional.empty();
        openedSeen = false;
        return Optional.of(new DoorChange(false, when, openFor));
    }
}
