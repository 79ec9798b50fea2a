package org.coldwatch.sim.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DoorContactTest {

    private final FakeNanos clock = new FakeNanos();
    private final AtomicBoolean open = new AtomicBoolean(false);
    private final DeviceFaults faults = new DeviceFaults();

    private DoorContact contact(ContactBounce bounce, long seed) {
        return new DoorContact(open::get, bounce, new SplittableRandom(seed), clock, faults);
    }

    /** Samples every 10 µs for 8 ms, recording each level. */
    private List<Boolean> trace(DoorContact door) {
        List<Boolean> levels = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            levels.add(door.isClosed());
            clock.advanceMicros(10);
        }
        return levels;
    }

    private static int transitions(List<Boolean> levels) {
        int count = 0;
        for (int i = 1; i < levels.size(); i++) {
            if (!levels.get(i).equals(levels.get(i - 1))) {
                count++;
            }
        }
        return count;
    }

    @Test
    void isClosedWhileTheDoorIsShutAndOpenWhileItIsOpen() {
        DoorContact door = contact(ContactBounce.NONE, 1);
        assertThat(door.isClosed()).isTrue();

        open.set(true);
        assertThat(door.isClosed()).isFalse();
    }

    @Test
    void chattersWithinTheBounceWindowThenSettlesOnTheNewState() {
        DoorContact door = contact(ContactBounce.typical(), 3);
        door.isClosed();

        open.set(true);
        List<Boolean> levels = trace(door);

        assertThat(levels.get(0)).isFalse();
        assertThat(transitions(levels)).isGreaterThanOrEqualTo(2).isEven();
        assertThat(levels.subList(500, 800)).containsOnly(false);
    }

    @Test
    void chatterIsReproducibleForTheSameSeed() {
        DoorContact one = contact(ContactBounce.typical(), 9);
        one.isClosed();
        open.set(true);
        List<Boolean> first = trace(one);

        open.set(false);
        DoorContact two = contact(ContactBounce.typical(), 9);
        two.isClosed();
        open.set(true);

        assertThat(trace(two)).isEqualTo(first);
    }

    @Test
    void withoutBounceATransitionIsOneCleanEdge() {
        DoorContact door = contact(ContactBounce.NONE, 1);
        door.isClosed();
        open.set(true);

        assertThat(transitions(trace(door))).isZero();
    }

    @Test
    void cutWireReadsAsAnOpenContact() {
        DoorContact door = contact(ContactBounce.NONE, 1);
        faults.missing(true);

        assertThat(door.isClosed()).isFalse();
    }

    @Test
    void stuckContactIgnoresTheDoor() {
        DoorContact door = contact(ContactBounce.NONE, 1);
        door.isClosed();
        faults.stuck(true);
        open.set(true);
        clock.advance(Duration.ofSeconds(1));

        assertThat(door.isClosed()).isTrue();
    }
}
