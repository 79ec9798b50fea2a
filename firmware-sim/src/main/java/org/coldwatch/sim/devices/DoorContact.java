package org.coldwatch.sim.devices;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * A door's reed switch: the contact is closed while the magnet on the door is near, i.e. while the door is shut.
 *
 * <p>Design: the door's state comes from a supplier (the room model); the contact is sampled, never pushed. When a
 * sample finds the door has changed, a bounce episode starts at that instant: the contact takes the new state at
 * once, toggles back and forth an even number of times at random instants within the {@link ContactBounce} window
 * (seeded, so a test replays), and then stays settled. A transition is therefore timestamped when it is first
 * observed; the Pi4J layer samples inputs every millisecond, which bounds that latency.
 *
 * <p>Electrically (see {@code firmware-sim/docs/devices.md}) the switch connects the GPIO to ground with a pull-up:
 * closed reads LOW, open reads HIGH. Faults: missing is a cut wire, which reads as an open contact (HIGH) — the
 * fail-safe direction, a door alarm rather than silence; stuck freezes the contact where it is.
 */
public final class DoorContact {

    private static final long[] NO_TOGGLES = new long[0];

    private final BooleanSupplier open;
    private final ContactBounce bounce;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private final DeviceFaults faults;

    private boolean initialized;
    private boolean settledClosed;
    private long episodeStart;
    private long[] toggles = NO_TOGGLES;
    private boolean lastClosed;

    /**
     * A bounce-free contact on the system clock.
     *
     * @param open whether the door is open, from the room model
     */
    public DoorContact(BooleanSupplier open) {
        this(open, ContactBounce.NONE, new SplittableRandom(0), System::nanoTime, new DeviceFaults());
    }

    /**
     * A contact with every collaborator injected.
     *
     * @param open     whether the door is open, from the room model
     * @param bounce   how the contact chatters on transitions
     * @param random   seeded source of the chatter instants
     * @param nanoTime monotonic nanoseconds, e.g. {@code System::nanoTime} or a test's fake clock
     * @param faults   the switchboard this contact honours
     */
    public DoorContact(BooleanSupplier open, ContactBounce bounce, RandomGenerator random, LongSupplier nanoTime,
            DeviceFaults faults) {
        this.open = Objects.requireNonNull(open, "open");
        this.bounce = Objects.requireNonNull(bounce, "bounce");
        this.random = Objects.requireNonNull(random, "random");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    /** This contact's fault switchboard. */
    public DeviceFaults faults() {
        return faults;
    }

    /**
     * Samples the contact now, chatter included.
     *
     * @return {@code true} when the contact conducts (door shut, line pulled LOW)
     */
    public synchronized boolean isClosed() {
        if (faults.missing()) {
            return false;
        }
        if (faults.stuck() && initialized) {
            return lastClosed;
        }
        long now = nanoTime.getAsLong();
        boolean doorShut = !open.getAsBoolean();
        if (!initialized) {
            initialized = true;
            settledClosed = doorShut;
        } else if (doorShut != settledClosed) {
            startEpisode(doorShut, now);
        }
        lastClosed = levelAt(now);
        return lastClosed;
    }

    private void startEpisode(boolean closed, long now) {
        settledClosed = closed;
        episodeStart = now;
        if (bounce.maxBouncePairs() == 0) {
            toggles = NO_TOGGLES;
            return;
        }
        int count = 2 * (1 + random.nextInt(bounce.maxBouncePairs()));
        long window = bounce.window().toNanos();
        toggles = new long[count];
        for (int i = 0; i < count; i++) {
            toggles[i] = 1 + random.nextLong(Math.max(1, window - 1));
        }
        Arrays.sort(toggles);
    }

    private boolean levelAt(long now) {
        long offset = now - episodeStart;
        int flips = 0;
        for (long toggle : toggles) {
            if (offset >= toggle) {
                flips++;
            }
        }
        if (flips == toggles.length) {
            toggles = NO_TOGGLES;
        }
        return settledClosed ^ (flips % 2 == 1);
    }
}
