package org.coldwatch.gateway.sensor.door;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns raw samples of a chattering contact into clean transitions: a new level counts once it has been stable for
 * {@code stableFor}; the transition is dated at the first edge that left the old level, so the chatter does not shift
 * the time. A level that falls back before it is stable is a glitch and produces nothing. Also measures how long the
 * door stood open. Plain logic, not thread-safe.
 */
final class Debouncer {
    private final Duration stableFor;
    private boolean stable;
    private boolean raw;
    private Instant rawSince;
    private Instant departedAt;
    private Instant openedAt;

    /**
     * @param stableFor how long a level must hold
     * @param open      the state at start
     * @param at        when it was sampled
     */
    Debouncer(Duration stableFor, boolean open, Instant at) {
        this.stableFor = Objects.requireNonNull(stableFor, "stableFor");
        this.stable = open;
        this.raw = open;
        this.rawSince = at;
    }

    /** The debounced state. */
    boolean open() {
        return stable;
    }

    /**
     * One raw sample.
     *
     * @param open the contact's raw state now
     * @param at   when it was sampled (non-decreasing)
     * @return the transition this sample confirms, if any
     */
    Optional<DoorChange> sample(boolean open, Instant at) {
        if (open != raw) {
            raw = open;
            rawSince = at;
            if (open != stable && departedAt == null) {
                departedAt = at;
            }
        }
        boolean held = Duration.between(rawSince, at).compareTo(stableFor) >= 0;
        if (!held) {
            return Optional.empty();
        }
        if (raw == stable) {
            departedAt = null;
            return Optional.empty();
        }
        stable = raw;
        Instant when = departedAt == null ? rawSince : departedAt;
        departedAt = null;
        if (stable) {
            openedAt = when;
            return Optional.of(new DoorChange(true, when, Optional.empty()));
        }
        Optional<Duration> openFor = Optional.ofNullable(openedAt).map(o -> Duration.between(o, when));
        openedAt = null;
        return Optional.of(new DoorChange(false, when, openFor));
    }
}
