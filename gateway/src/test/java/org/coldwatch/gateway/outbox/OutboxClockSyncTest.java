package org.coldwatch.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.gateway.config.OutboxLimits;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryCodec;
import org.coldwatch.protocol.TimeQuality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxClockSyncTest {
    /** Where a Pi without RTC thinks it is after boot: the time it was last shut down, days ago. */
    private static final Instant STALE = Instant.parse("2026-11-20T06:00:00Z");
    private static final Instant TRUE_NOW = Instant.parse("2026-12-03T09:30:00Z");

    @TempDir
    Path dir;

    private SqliteOutbox open(FakeClockSync sync) {
        return SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500, OutboxLimits.defaults(), sync.wall, sync);
    }

    /** Three readings, one per minute, stamped by the (possibly wrong) wall clock. */
    private static void sampleThreeMinutes(SqliteOutbox outbox, FakeClockSync sync) {
        for (int i = 0; i < 3; i++) {
            outbox.append(List.of(Reading.of("air", ReadingKind.TEMPERATURE, 3.0 + i, sync.wall.instant())));
            sync.pass(Duration.ofMinutes(1));
        }
    }

    private static List<Reading> sendAll(SqliteOutbox outbox) throws Exception {
        List<Reading> sent = new ArrayList<>();
        for (SealedBatch b : outbox.nextToSend(10)) {
            sent.addAll(TelemetryCodec.decode(b.payload()).readings());
            outbox.acknowledge(b.seq());
        }
        return sent;
    }

    @Test
    void readingsTakenBeforeSyncAreHeldThenCorrectedFromTheMonotonicClockAndMarked() throws Exception {
        FakeClockSync sync = new FakeClockSync(STALE);
        try (SqliteOutbox outbox = open(sync)) {
            // GIVEN three readings taken while the wall clock is days behind
            sampleThreeMinutes(outbox, sync);
            assertThat(sendAll(outbox)).as("held while the clock may still be set").isEmpty();

            // WHEN NTP sets the clock 2 minutes after the last of them
            sync.pass(Duration.ofMinutes(2));
            sync.synchronise(TRUE_NOW);

            // THEN their times are true time − elapsed monotonic time, and they say so
            List<Reading> sent = sendAll(outbox);
            assertThat(sent).extracting(Reading::measuredAt).containsExactly(
                    TRUE_NOW.minus(Duration.ofMinutes(5)), TRUE_NOW.minus(Duration.ofMinutes(4)),
                    TRUE_NOW.minus(Duration.ofMinutes(3)));
            assertThat(sent).extracting(Reading::timeQuality).containsOnly(TimeQuality.CORRECTED);

            // ... and readings after sync are plain synced ones
            outbox.append(List.of(Reading.of("air", ReadingKind.TEMPERATURE, 4.0, sync.wall.instant())));
            assertThat(sendAll(outbox)).singleElement().satisfies(r -> {
                assertThat(r.timeQuality()).isEqualTo(TimeQuality.SYNCED);
                assertThat(r.measuredAt()).isEqualTo(TRUE_NOW);
            });
        }
    }

    @Test
    void readingsOfABootThatEndedBeforeSyncStayUnsyncedAndAreStillSent() throws Exception {
        FakeClockSync sync = new FakeClockSync(STALE);
        try (SqliteOutbox outbox = open(sync)) {
            sampleThreeMinutes(outbox, sync);
        }
        // WHEN the power goes before the clock was synchronised, and the box boots again
        sync.reboot(STALE);
        try (SqliteOutbox outbox = open(sync)) {
            sync.synchronise(TRUE_NOW);

            // THEN the old readings keep their (wrong) times, marked unsynced, and are sent anyway
            List<Reading> sent = sendAll(outbox);
            assertThat(sent).hasSize(3);
            assertThat(sent).extracting(Reading::timeQuality).containsOnly(TimeQuality.UNSYNCED);
            assertThat(sent.get(0).measuredAt()).isEqualTo(STALE);
        }
    }

    @Test
    void aClockThatNeverSyncsHoldsReadingsOnlyForTheHoldTimeThenSendsThemMarkedUnsynced() throws Exception {
        FakeClockSync sync = new FakeClockSync(STALE);
        try (SqliteOutbox outbox = open(sync)) {
            sampleThreeMinutes(outbox, sync);
            assertThat(sendAll(outbox)).isEmpty();

            sync.pass(UnsyncedTimes.HOLD);

            List<Reading> sent = sendAll(outbox);
            assertThat(sent).hasSize(3);
            assertThat(sent).extracting(Reading::timeQuality).containsOnly(TimeQuality.UNSYNCED);
        }
    }

    @Test
    void correctionSurvivesARestartWithinTheSameBoot() throws Exception {
        FakeClockSync sync = new FakeClockSync(STALE);
        try (SqliteOutbox outbox = open(sync)) {
            sampleThreeMinutes(outbox, sync);
        }
        // the gateway process restarts (same boot, monotonic clock runs on)
        sync.pass(Duration.ofSeconds(30));
        try (SqliteOutbox outbox = open(sync)) {
            sync.synchronise(TRUE_NOW);

            List<Reading> sent = sendAll(outbox);
            assertThat(sent).extracting(Reading::measuredAt).containsExactly(
                    TRUE_NOW.minus(Duration.ofSeconds(210)), TRUE_NOW.minus(Duration.ofSeconds(150)),
                    TRUE_NOW.minus(Duration.ofSeconds(90)));
            assertThat(sent).extracting(Reading::timeQuality).containsOnly(TimeQuality.CORRECTED);
        }
    }
}
