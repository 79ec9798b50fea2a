package org.coldwatch.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coldwatch.gateway.config.OutboxLimits;
import org.coldwatch.gateway.config.OutboxLimits.FullPolicy;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxDiskBudgetTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(10)), ZoneOffset.UTC);
    private static final int SENSORS = 16;
    private static final long ONE_MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private SqliteOutbox open(FullPolicy policy) {
        return SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500,
                new OutboxLimits(ONE_MIB, 0, policy, 10), CLOCK, ClockSync.alwaysSynchronized());
    }

    /** One hour of {@link #SENSORS} temperature probes at 1/min plus a door event per minute. */
    private static List<Reading> hour(int hourIndex) {
        List<Reading> list = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            Instant t = T0.plus(Duration.ofHours(hourIndex)).plus(Duration.ofMinutes(minute));
            for (int s = 0; s < SENSORS; s++) {
                list.add(Reading.of("probe-" + s, ReadingKind.TEMPERATURE, 2.0 + (minute % 10) * 0.1, t));
            }
            list.add(Reading.of("door", ReadingKind.DOOR, minute % 2, t));
        }
        return list;
    }

    @Test
    void thinOldestKeepsEveryNewReadingAndThinsTheOldestDayWhenTheBudgetIsUsedUp() throws Exception {
        int hours = 0;
        try (SqliteOutbox outbox = open(FullPolicy.THIN_OLDEST)) {
            // GIVEN a 1 MiB budget, WHEN readings keep coming until well past it
            while (outbox.health().thinned() == 0) {
                outbox.append(hour(hours++));
            }
            for (int extra = 0; extra < 24; extra++) {
                outbox.append(hour(hours++));
            }

            // THEN the budget holds (within one append) and the thinning is counted
            OutboxHealth health = outbox.health();
            assertThat(health.bytesUsed()).isLessThanOrEqualTo(ONE_MIB + 64 * 1024);
            assertThat(health.thinned()).isPositive();
            assertThat(health.refused()).isZero();
            assertThat(health.depth() + health.thinned()).isEqualTo((long) hours * 60 * (SENSORS + 1));
        }
        Map<String, Long> perMinute = countsPerSensorAndTenMinutes(T0, T0.plus(Duration.ofDays(1)));
        // ... the oldest day keeps one reading per probe per 10 minutes, and every door event
        assertThat(perMinute).allSatisfy((key, count) -> {
            if (key.startsWith("door")) {
                assertThat(count).as(key).isEqualTo(10);
            } else {
                assertThat(count).as(key).isEqualTo(1);
            }
        });
        // ... and the newest hours are complete
        Instant newest = T0.plus(Duration.ofHours(hours - 6));
        assertThat(count("SELECT COUNT(*) FROM pending WHERE time_ms >= " + newest.toEpochMilli()))
                .isEqualTo(6L * 60 * (SENSORS + 1));
    }

    @Test
    void thinOldestRefusesAndCountsWhenNothingIsLeftToThin() {
        // GIVEN readings already at the thinning resolution (one per sensor per minute, thinning to 1/min)
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500,
                new OutboxLimits(ONE_MIB, 0, FullPolicy.THIN_OLDEST, 1), CLOCK, ClockSync.alwaysSynchronized())) {
            int hours = 0;
            OutboxFullException refusal = null;
            while (refusal == null) {
                try {
                    outbox.append(hour(hours));
                    hours++;
                } catch (OutboxFullException e) {
                    refusal = e;
                }
            }

            // THEN nothing stored was dropped, and the refusal is explicit and counted
            assertThat(refusal).hasMessageContaining("thin-oldest").hasMessageContaining("refused");
            OutboxHealth health = outbox.health();
            assertThat(health.thinned()).isZero();
            assertThat(health.refused()).isEqualTo(60L * (SENSORS + 1));
            assertThat(health.depth()).isEqualTo((long) hours * 60 * (SENSORS + 1));
        }
    }

    @Test
    void refuseNewRefusesCountsAndKeepsEverythingStoredThenAcceptsAgainOnceDrained() {
        try (SqliteOutbox outbox = open(FullPolicy.REFUSE_NEW)) {
            int hours = 0;
            OutboxFullException refusal = null;
            while (refusal == null) {
                try {
                    outbox.append(hour(hours));
                    hours++;
                } catch (OutboxFullException e) {
                    refusal = e;
                }
            }
            assertThat(refusal).hasMessageContaining("refuse-new").hasMessageContaining("refused");
            OutboxHealth health = outbox.health();
            assertThat(health.state()).isEqualTo(OutboxState.FULL);
            assertThat(health.refused()).isEqualTo(60L * (SENSORS + 1));
            assertThat(health.thinned()).isZero();
            assertThat(health.depth()).isEqualTo((long) hours * 60 * (SENSORS + 1));

            // WHEN the server takes the backlog
            drain(outbox);

            // THEN new readings are accepted again
            outbox.append(hour(hours));
            assertThat(outbox.health().state()).isEqualTo(OutboxState.OK);
            assertThat(outbox.depth()).isEqualTo(60L * (SENSORS + 1));
        }
    }

    @Test
    void diskFullIsCaughtCountedAndLosesNothingStored() throws Exception {
        List<Reading> stored = new ArrayList<>();
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500,
                new OutboxLimits(256 * ONE_MIB, 0, FullPolicy.THIN_OLDEST, 10), CLOCK,
                ClockSync.alwaysSynchronized())) {
            stored.addAll(hour(0));
            outbox.append(hour(0));
            assertThat(outbox.nextToSend(2)).hasSize(2);
            long pages = outbox.usedBytes() / 4096;
            // GIVEN a file that cannot grow beyond a few more pages (SQLite answers SQLITE_FULL, as on a full disk)
            outbox.limitFileSize(pages + 8);

            int h = 1;
            OutboxFullException full = null;
            while (full == null) {
                try {
                    outbox.append(hour(h));
                    stored.addAll(hour(h));
                    h++;
                } catch (OutboxFullException e) {
                    full = e;
                }
            }

            // THEN it is surfaced and counted, and everything stored before is still there
            assertThat(full).hasMessageContaining("disk full");
            OutboxHealth health = outbox.health();
            assertThat(health.diskFullErrors()).isEqualTo(1);
            assertThat(health.refused()).isEqualTo(60L * (SENSORS + 1));
            assertThat(health.depth()).isEqualTo(stored.size());

            // ... and it can still send, sealed batches first, then what acknowledgements made room for
            List<Reading> sent = new ArrayList<>();
            List<SealedBatch> batches;
            while (!(batches = outbox.nextToSend(4)).isEmpty()) {
                for (SealedBatch b : batches) {
                    sent.addAll(TelemetryCodec.decode(b.payload()).readings());
                    outbox.acknowledge(b.seq());
                }
            }
            assertThat(sent).isEqualTo(stored);
        }
        assertThat(integrityCheck()).isEqualTo("ok");
    }

    private static void drain(SqliteOutbox outbox) {
        List<SealedBatch> batches;
        while (!(batches = outbox.nextToSend(16)).isEmpty()) {
            batches.forEach(b -> outbox.acknowledge(b.seq()));
        }
    }

    private Map<String, Long> countsPerSensorAndTenMinutes(Instant from, Instant to) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.name, p.time_ms / 600000, COUNT(*) FROM pending p"
                     + " JOIN sensor s ON s.ref = p.sensor_ref WHERE p.time_ms >= " + from.toEpochMilli()
                     + " AND p.time_ms < " + to.toEpochMilli() + " GROUP BY 1, 2")) {
            while (rs.next()) {
                counts.put(rs.getString(1) + "@" + rs.getLong(2), rs.getLong(3));
            }
        }
        assertThat(counts).hasSize(144 * (SENSORS + 1));
        return counts;
    }

    private long count(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
             Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String integrityCheck() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
             Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
