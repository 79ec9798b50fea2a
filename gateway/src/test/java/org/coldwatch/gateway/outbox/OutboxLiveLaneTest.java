package org.coldwatch.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.coldwatch.gateway.config.OutboxLimits;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxLiveLaneTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final AtomicLong monoNanos = new AtomicLong(1_000_000_000L);

    private SqliteOutbox open() {
        return SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 100, OutboxLimits.defaults(), CLOCK,
                ClockSync.alwaysSynchronized(), monoNanos::get);
    }

    private void secondsPass(long seconds) {
        monoNanos.addAndGet(seconds * 1_000_000_000L);
    }

    private static List<Reading> readings(String sensor, int count, int startSecond) {
        List<Reading> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(Reading.of(sensor, ReadingKind.TEMPERATURE, 4.0, T0.plusSeconds(startSecond + i)));
        }
        return list;
    }

    @Test
    void liveLaneSealsOnlyReadingsAppendedSinceItStartedWhileTheBacklogGoesOldestFirst() throws Exception {
        try (SqliteOutbox outbox = open()) {
            // GIVEN a backlog of 1,000 readings, WHEN the lane opens and 5 live readings arrive
            outbox.append(readings("old", 1000, 0));
            secondsPass(60);
            outbox.startLiveLane();
            assertThat(outbox.nextLive(4)).isEmpty();
            outbox.append(readings("live", 5, 5000));

            // THEN the live lane seals exactly those, and the backlog lane still starts with the oldest
            List<SealedBatch> live = outbox.nextLive(4);
            assertThat(live).singleElement().extracting(SealedBatch::readingCount).isEqualTo(5);
            assertThat(TelemetryCodec.decode(live.get(0).payload()).readings()).isEqualTo(readings("live", 5, 5000));
            List<SealedBatch> backlog = outbox.nextToSend(live.get(0).seq(), 20);
            assertThat(backlog).hasSize(10);
            assertThat(TelemetryCodec.decode(backlog.get(0).payload()).readings().get(0))
                    .isEqualTo(readings("old", 1, 0).get(0));

            // ... every batch has its own seq, and every reading is in exactly one batch
            Set<Long> seqs = new HashSet<>();
            List<Reading> all = new ArrayList<>();
            for (SealedBatch b : outbox.nextToSend(50)) {
                seqs.add(b.seq());
                all.addAll(TelemetryCodec.decode(b.payload()).readings());
            }
            assertThat(seqs).hasSize(11);
            assertThat(all).hasSize(1005).doesNotHaveDuplicates();
            assertThat(outbox.nextLive(4)).isEmpty();
        }
    }

    @Test
    void readingsAppendedSecondsBeforeTheLaneOpensAreLiveAndTheNewestGoFirst() throws Exception {
        try (SqliteOutbox outbox = open()) {
            outbox.append(readings("old", 300, 0));
            secondsPass(60);
            outbox.append(readings("recent", 150, 1000));
            secondsPass(3);
            outbox.startLiveLane();
            outbox.append(readings("new", 10, 2000));

            List<Reading> first = TelemetryCodec.decode(outbox.nextLive(1).get(0).payload()).readings();
            SealedBatch secondBatch = outbox.nextLive(1).get(0);
            List<Reading> second = TelemetryCodec.decode(secondBatch.payload()).readings();

            List<Reading> expectedFirst = new ArrayList<>(readings("recent", 150, 1000).subList(60, 150));
            expectedFirst.addAll(readings("new", 10, 2000));
            assertThat(first).isEqualTo(expectedFirst);
            assertThat(second).isEqualTo(readings("recent", 60, 1000));
            assertThat(outbox.nextLive(1)).isEmpty();
            assertThat(TelemetryCodec.decode(outbox.nextToSend(secondBatch.seq(), 1).get(0).payload()).readings())
                    .isEqualTo(readings("old", 100, 0));
        }
    }

    @Test
    void liveLaneIsClosedUntilStarted() {
        try (SqliteOutbox outbox = open()) {
            outbox.append(readings("a", 3, 0));

            assertThat(outbox.nextLive(4)).isEmpty();
            assertThat(outbox.nextToSend(4)).hasSize(1);
        }
    }
}
