package org.coldwatch.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxSchemaMigrationTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** The schema the foundation issue shipped (user_version 0), verbatim. */
    private static final String[] V0 = {
        "CREATE TABLE pending (id INTEGER PRIMARY KEY AUTOINCREMENT, sensor TEXT NOT NULL,"
                + " kind TEXT NOT NULL, value REAL NOT NULL, time_ms INTEGER NOT NULL)",
        "CREATE TABLE sealed (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL,"
                + " reading_count INTEGER NOT NULL, oldest_ms INTEGER NOT NULL, created_ms INTEGER NOT NULL)",
        "CREATE TABLE quarantine (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL,"
                + " reading_count INTEGER NOT NULL, reason_code INTEGER NOT NULL, reason TEXT NOT NULL,"
                + " quarantined_ms INTEGER NOT NULL)",
        "CREATE TABLE meta (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL)",
        "INSERT INTO meta (id, last_seq) VALUES (1, 7)",
    };

    @Test
    void opensAnOldFormatFileAndLosesNothing() throws Exception {
        // GIVEN a file written by the previous gateway version: sealed batch 7 in flight, 300 readings pending
        Path file = dir.resolve("outbox.db");
        byte[] sealedPayload = TelemetryCodec.encode(TelemetryBatch.of("gw-1", 7,
                List.of(Reading.of("air", ReadingKind.HUMIDITY, 91.5, T0.minusSeconds(60)))));
        List<Reading> pending = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = db.createStatement()) {
            for (String sql : V0) {
                st.executeUpdate(sql);
            }
            try (PreparedStatement seal = db.prepareStatement("INSERT INTO sealed VALUES (7, ?, 1, ?, ?)")) {
                seal.setBytes(1, sealedPayload);
                seal.setLong(2, T0.minusSeconds(60).toEpochMilli());
                seal.setLong(3, T0.toEpochMilli());
                seal.executeUpdate();
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO pending (sensor, kind, value, time_ms) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < 300; i++) {
                    ReadingKind kind = i % 3 == 0 ? ReadingKind.WEIGHT : ReadingKind.TEMPERATURE;
                    Reading r = Reading.of("s-" + (i % 4), kind, i * 0.25, T0.plusSeconds(i));
                    pending.add(r);
                    insert.setString(1, r.sensorId());
                    insert.setString(2, r.kind().wireName());
                    insert.setDouble(3, r.value());
                    insert.setLong(4, r.measuredAt().toEpochMilli());
                    insert.executeUpdate();
                }
            }
        }

        // WHEN the new gateway opens it
        try (SqliteOutbox outbox = SqliteOutbox.open(file, "gw-1", 500, CLOCK)) {
            // THEN the in-flight batch is resent with the same seq and bytes, then every pending reading, in order,
            // under seqs that continue after the last one issued
            assertThat(outbox.depth()).isEqualTo(301);
            List<SealedBatch> batches = outbox.nextToSend(10);
            assertThat(batches).extracting(SealedBatch::seq).containsExactly(7L, 8L);
            assertThat(batches.get(0).payload()).isEqualTo(sealedPayload);
            assertThat(TelemetryCodec.decode(batches.get(1).payload()).readings()).isEqualTo(pending);
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(OutboxSchema.VERSION);
        }
    }

    @Test
    void storesThirtyDaysOfThirtyTwoSensorsInWellUnderOneHundredMegabytes() {
        // GIVEN one day of 32 sensors at 1/min (46,080 readings)
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500, CLOCK)) {
            for (int minute = 0; minute < 24 * 60; minute += 60) {
                List<Reading> hour = new ArrayList<>();
                for (int m = minute; m < minute + 60; m++) {
                    for (int s = 0; s < 32; s++) {
                        hour.add(Reading.of("room-" + (s / 8) + ".probe-" + s, ReadingKind.TEMPERATURE,
                                -18.0 + (m * 7 + s) % 50 * 0.01, T0.plusSeconds(60L * m + s)));
                    }
                }
                outbox.append(hour);
            }
            // THEN a reading costs at most 72 bytes of file, so 30 days (1.38 M readings) fit in 100 MB
            double bytesPerReading = (double) outbox.usedBytes() / outbox.depth();
            assertThat(bytesPerReading).isLessThan(72.0);
        }
    }
}
