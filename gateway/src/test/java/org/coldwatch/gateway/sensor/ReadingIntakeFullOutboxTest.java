package org.coldwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.gateway.config.OutboxLimits;
import org.coldwatch.gateway.outbox.ClockSync;
import org.coldwatch.gateway.outbox.OutboxFullException;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingIntakeFullOutboxTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void countsReadingsTheFullOutboxRefused() {
        OutboxLimits refuseAtOneMebibyte = new OutboxLimits(1024 * 1024, 0, OutboxLimits.FullPolicy.REFUSE_NEW, 10);
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "gw-1", 500, refuseAtOneMebibyte,
                Clock.fixed(T0, ZoneOffset.UTC), ClockSync.alwaysSynchronized())) {
            ReadingIntake intake = new ReadingIntake(outbox);
            int hour = 0;
            while (outbox.health().bytesUsed() < 1024 * 1024) {
                intake.accept("test", hour(hour++));
            }

            assertThatThrownBy(() -> intake.accept("test", hour(1000))).isInstanceOf(OutboxFullException.class);
            assertThat(intake.refusedFullCount()).isEqualTo(60 * 32);
            assertThat(intake.rejectedCount()).isZero();
            assertThat(outbox.health().refused()).isEqualTo(60 * 32);
        }
    }

    private static List<Reading> hour(int index) {
        List<Reading> list = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            for (int s = 0; s < 32; s++) {
                list.add(Reading.of("p-" + s, ReadingKind.TEMPERATURE, 3.0,
                        T0.plus(Duration.ofMinutes(index * 60L + m))));
            }
        }
        return list;
    }
}
