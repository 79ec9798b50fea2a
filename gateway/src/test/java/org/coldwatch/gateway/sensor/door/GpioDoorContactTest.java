package org.coldwatch.gateway.sensor.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.devices.ContactBounce;
import org.coldwatch.sim.devices.DeviceFaults;
import org.coldwatch.sim.devices.DoorContact;
import org.coldwatch.sim.pi4j.SimulatedHardware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bouncing reed contact from firmware-sim on a simulated GPIO, watched in real time: every change reaches a real
 * SQLite outbox through the {@link ReadingIntake} without any sampling round.
 */
class GpioDoorContactTest {
    private static final int PIN = 17;

    @TempDir
    Path dir;

    private final AtomicBoolean open = new AtomicBoolean(false);
    private final List<Reading> seen = new CopyOnWriteArrayList<>();
    private Context pi4j;
    private SqliteOutbox outbox;

    @BeforeEach
    void wire() {
        SimulatedHardware.reset();
        // up to 8 bounce pairs within 15 ms on every transition, sampled every 2 ms: the debounce has work to do
        SimulatedHardware.attachDoor(PIN, new DoorContact(open::get, new ContactBounce(Duration.ofMillis(15), 8),
                new SplittableRandom(11), System::nanoTime, new DeviceFaults()));
        pi4j = Pi4J.newAutoContext();
        outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500, Clock.systemUTC());
    }

    @AfterEach
    void unwire() {
        outbox.close();
        pi4j.shutdown();
        SimulatedHardware.reset();
    }

    /** Wall-clock time that advances exactly with {@link System#nanoTime()}, so dates and durations agree. */
    private static final class NanoClock extends Clock {
        private final Instant base = Instant.now();
        private final long start = System.nanoTime();

        @Override
        public Instant instant() {
            return base.plusNanos(System.nanoTime() - start);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private List<Reading> kind(ReadingKind kind) {
        return seen.stream().filter(r -> r.kind() == kind).toList();
    }

    @Test
    void reportsEachDebouncedChangeAtOnceWithTheOpenDurationOnClosing() {
        ReadingIntake intake = new ReadingIntake(outbox);
        intake.addObserver(seen::addAll);
        SensorSpec spec = SensorSpec.of(5, "room1-door", "door-contact", Map.of("pin", PIN, "debounceMillis", 30,
                "pollMillis", 2));
        try (SensorContext ctx = new SensorContext(() -> pi4j, new NanoClock());
             SensorSource door = new DoorContactKind().create(spec, ctx)) {
            door.start(intake);
            await().atMost(Duration.ofSeconds(5)).until(() -> kind(ReadingKind.DOOR).size() == 1);

            open.set(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> kind(ReadingKind.DOOR).size() == 2);
            open.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> kind(ReadingKind.DOOR_OPEN_DURATION).size() == 1);

            List<Reading> states = kind(ReadingKind.DOOR);
            assertThat(states).extracting(Reading::value).containsExactly(0.0, 1.0, 0.0);
            Reading opened = states.get(1);
            Reading closed = states.get(2);
            Reading duration = kind(ReadingKind.DOOR_OPEN_DURATION).get(0);
            assertThat(duration.measuredAt()).isEqualTo(closed.measuredAt());
            assertThat(duration.value()).isEqualTo(
                    Duration.between(opened.measuredAt(), closed.measuredAt()).toMillis() / 1000.0);
            assertThat(door.health().orElseThrow().detail()).startsWith("last open ");
            assertThat(outbox.depth()).isEqualTo(4);
        }
    }

    @Test
    void aBounceShorterThanTheDebounceTimeIsNotAChange() throws Exception {
        ReadingIntake intake = new ReadingIntake(outbox);
        intake.addObserver(seen::addAll);
        SensorSpec spec = SensorSpec.of(5, "room1-door", "door-contact", Map.of("pin", PIN, "debounceMillis", 30,
                "pollMillis", 2));
        try (SensorContext ctx = new SensorContext(() -> pi4j, Clock.systemUTC());
             SensorSource door = new DoorContactKind().create(spec, ctx)) {
            door.start(intake);
            open.set(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> kind(ReadingKind.DOOR).size() == 2);

            // every raw edge the chatter produced collapsed into exactly one opening
            assertThat(kind(ReadingKind.DOOR)).extracting(Reading::value).containsExactly(0.0, 1.0);
            assertThat(((DoorContactSource) door).isOpen()).isTrue();
        }
    }
}
