package org.coldwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampling period changes while the sampler runs (remote settings), and calibration applies at the intake. */
class SamplerIntervalTest {
    @TempDir
    Path dir;

    private static SensorSource air(double celsius) {
        return new SensorSource() {
            @Override
            public String name() {
                return "air";
            }

            @Override
            public List<Reading> read(Instant now) {
                return List.of(Reading.of("air", ReadingKind.TEMPERATURE, celsius, now));
            }
        };
    }

    @Test
    void aShorterIntervalTakesEffectWithoutARestart() {
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "gw-1", 500, Clock.systemUTC());
             Sampler sampler = new Sampler(List.of(air(3.0)), new ReadingIntake(outbox), Clock.systemUTC(),
                     Duration.ofHours(1))) {
            sampler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.stats().rounds() == 1);

            sampler.changeInterval(Duration.ofMillis(100));

            await().atMost(Duration.ofSeconds(20)).until(() -> sampler.stats().rounds() >= 6);
            assertThat(sampler.interval()).isEqualTo(Duration.ofMillis(100));
            assertThatThrownBy(() -> sampler.changeInterval(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aCorrectionIsAppliedBeforeTheReadingIsCheckedAndStored() {
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "gw-1", 500, Clock.systemUTC())) {
            ReadingIntake intake = new ReadingIntake(outbox);
            List<List<Reading>> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
            intake.addObserver(observed::add);
            intake.correctWith(raw -> new Reading(raw.sensorId(), raw.kind(), raw.value() + 100, raw.measuredAt()));

            ReadingIntake.Accepted accepted = intake.accept("test", List.of(
                    Reading.of("air", ReadingKind.TEMPERATURE, 5.0, Instant.now()),
                    Reading.of("air", ReadingKind.TEMPERATURE, -20.0, Instant.now())));

            assertThat(accepted).isEqualTo(new ReadingIntake.Accepted(1, 1));
            assertThat(observed).singleElement().satisfies(list -> assertThat(list).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(80.0)));
        }
    }
}
