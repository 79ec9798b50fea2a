package org.coldwatch.gateway.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;

/**
 * Turns pending rows into sealed batches and reads sealed batches back, inside the outbox's current transaction.
 * Sealing deletes the pending rows before inserting the batch, so that on a full disk the freed pages are reused.
 */
final class BatchSealer {
    private static final String NOT_HELD = "NOT (time_state = " + UnsyncedTimes.UNSYNCED + " AND mono_ms > ?)";
    private final Connection db;
    private final SensorDictionary sensors;
    private final String gatewayId;
    private final int maxReadingsPerBatch;
    private final Clock clock;

    BatchSealer(Connection db, SensorDictionary sensors, String gatewayId, int maxReadingsPerBatch, Clock clock) {
        this.db = db;
        this.sensors = sensors;
        this.gatewayId = gatewayId;
        this.maxReadingsPerBatch = maxReadingsPerBatch;
        this.clock = clock;
    }

    /** Sealed batches with seq above {@code afterSeq}, in seq order, at most {@code limit}. */
    List<SealedBatch> selectSealed(long afterSeq, int limit) throws SQLException {
        List<SealedBatch> batches = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(
                "SELECT seq, payload, reading_count FROM sealed WHERE seq > ? ORDER BY seq LIMIT ?")) {
            select.setLong(1, afterSeq);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    batches.add(new SealedBatch(rs.getLong(1), rs.getBytes(2), rs.getInt(3)));
                }
            }
        }
        return batches;
    }

    /** The largest pending id ever issued (0 if none). */
    long lastPendingId() throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'pending'),"
                     + " 0)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Moves the oldest pending readings with id ≥ {@code fromId} into a new batch under the next seq; empty if there
     * are none. {@code newestFirst} takes the newest such readings instead (the batch still lists them in append
     * order). Unsynced readings with a monotonic time above {@code holdAfterMono} wait for the clock.
     */
    Optional<SealedBatch> sealPending(long fromId, boolean newestFirst, long holdAfterMono) throws SQLException {
        List<Reading> readings = new ArrayList<>();
        long firstId = Long.MAX_VALUE;
        long lastId = Long.MIN_VALUE;
        long oldestMs = Long.MAX_VALUE;
        try (PreparedStatement select = db.prepareStatement(
                "SELECT id, sensor_ref, value, time_ms, time_state FROM pending WHERE id >= ? AND " + NOT_HELD
                        + " ORDER BY id " + (newestFirst ? "DESC" : "ASC") + " LIMIT ?")) {
            select.setLong(1, fromId);
            select.setLong(2, holdAfterMono);
            select.setInt(3, maxReadingsPerBatch);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    firstId = Math.min(firstId, id);
                    lastId = Math.max(lastId, id);
                    SensorDictionary.Entry sensor = sensors.entry(rs.getLong(2));
                    long timeMs = rs.getLong(4);
                    oldestMs = Math.min(oldestMs, timeMs);
                    readings.add(new Reading(sensor.sensorId(), sensor.kind(), rs.getDouble(3),
                            Instant.ofEpochMilli(timeMs), UnsyncedTimes.quality(rs.getInt(5))));
                }
            }
        }
        if (readings.isEmpty()) {
            return Optional.empty();
        }
        if (newestFirst) {
            Collections.reverse(readings);
        }
        long seq = lastSeq() + 1;
        byte[] payload = TelemetryCodec.encode(TelemetryBatch.of(gatewayId, seq, readings));
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM pending WHERE id BETWEEN ? AND ? AND "
                + NOT_HELD);
             PreparedStatement insert = db.prepareStatement("INSERT INTO sealed"
                     + " (seq, payload, reading_count, oldest_ms, created_ms) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement bump = db.prepareStatement("UPDATE meta SET last_seq = ? WHERE id = 1")) {
            delete.setLong(1, firstId);
            delete.setLong(2, lastId);
            delete.setLong(3, holdAfterMono);
            delete.executeUpdate();
            insert.setLong(1, seq);
            insert.setBytes(2, payload);
            insert.setInt(3, readings.size());
            insert.setLong(4, oldestMs);
            insert.setLong(5, clock.millis());
            insert.executeUpdate();
            bump.setLong(1, seq);
            bump.executeUpdate();
        }
        return Optional.of(new SealedBatch(seq, payload, readings.size()));
    }

    private long lastSeq() throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT last_seq FROM meta WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
