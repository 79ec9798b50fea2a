package org.coldwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A source with a failure switch. */
    private static final class FakeSource implements SensorSource {
        private final String name;
        private final double value;
        boolean failing;

        FakeSource(String name, double value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Reading> read(Instant now) throws SensorException {
            if (failing) {
                throw new SensorException(name + ": no ACK on I2C address 0x44");
            }
            return List.of(Reading.of(name, ReadingKind.TEMPERATURE, value, now));
        }
    }

    @Test
    void failingSourceIsCountedWhileOthersGoOn() {
        FakeSource good = new FakeSource("room-1", 2.5);
        FakeSource bad = new FakeSource("room-2", 3.0);
        bad.failing = true;
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "gw-1", 500, CLOCK);
             Sampler sampler = new Sampler(List.of(good, bad), new ReadingIntake(outbox), CLOCK, Duration.ofSeconds(10))) {

            sampler.sampleOnce();
            sampler.sampleOnce();

            assertThat(outbox.depth()).isEqualTo(2);
            assertThat(sampler.stats().sourceFailures()).isEqualTo(2);
            assertThat(sampler.stats().failingSources()).isEqualTo(1);

            bad.failing = false;
            sampler.sampleOnce();

            assertThat(outbox.depth()).isEqualTo(4);
            assertThat(sampler.stats().failingSources()).isZero();
            assertThat(sampler.stats().rounds()).isEqualTo(3);
        }
    }

    @Test
    void dropsImplausibleReadingInsteadOfPoisoningTheBatch() {
        FakeSource good = new FakeSource("room-1", 2.5);
        FakeSource broken = new FakeSource("room-2", 150.0);
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "gw-1", 500, CLOCK);
             Sampler sampler = new Sampler(List.of(good, broken), new ReadingIntake(outbox), CLOCK, Duration.ofSeconds(10))) {

            sampler.sampleOnce();

            assertThat(outbox.depth()).isEqualTo(1);
            assertThat(sampler.stats().readingsRejected()).isEqualTo(1);
            assertThat(sampler.stats().readingsAppended()).isEqualTo(1);
        }
    }
}
