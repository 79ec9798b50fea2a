package org.coldwatch.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;

/**
 * Writes one group of batches in one transaction on the store's write connection; used by the writer thread of
 * {@link SqliteReadingStore} only.
 *
 * <p>Design, for throughput: the statements are prepared once and reused by every group. A group is written in four
 * steps: every batch's key into {@code batch} in one executeBatch ({@code INSERT OR IGNORE}: a key already there,
 * also from a copy earlier in the same group, inserts no row, and that batch is a duplicate of which nothing else
 * is written); the readings of all new
 * batches in one {@code executeBatch}; {@code latest} once per series of the group instead of once per reading (its
 * newest reading; of equal times the later one, which is what reading-by-reading upserts would leave); then the
 * rollups, in the same transaction. Only then the single commit.
 */
final class SqliteBatchWriter implements AutoCloseable {
    private record SeriesId(String gatewayId, String sensorId, ReadingKind kind) {
    }

    private final Connection connection;
    private final RollupSink rollups;
    private final PreparedStatement insertBatch;
    private final PreparedStatement insertReading;
    private final PreparedStatement upsertLatest;
    private final Map<SeriesId, Reading> newest = new HashMap<>();

    SqliteBatchWriter(Connection connection, RollupSink rollups) throws SQLException {
        this.connection = connection;
        this.rollups = rollups;
        connection.setAutoCommit(false);
        insertBatch = connection.prepareStatement(
                "INSERT OR IGNORE INTO batch (gateway_id, seq, received_ms, reading_count) VALUES (?, ?, ?, ?)");
        insertReading = connection.prepareStatement("INSERT INTO reading (gateway_id, seq, idx, sensor_id, kind,"
                + " value, measured_ms, received_ms, time_quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        upsertLatest = connection.prepareStatement(
                "INSERT INTO latest (gateway_id, sensor_id, kind, value, measured_ms) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (gateway_id, sensor_id, kind) DO UPDATE"
                        + " SET value = excluded.value, measured_ms = excluded.measured_ms"
                        + " WHERE excluded.measured_ms >= latest.measured_ms");
    }

    /**
     * Writes and commits the group; returns each batch's outcome, in order.
     *
     * @throws SQLException if anything failed: then call {@link #rollback()}, nothing of the group is committed
     */
    List<StoreOutcome> commit(List<ReceivedBatch> group) throws SQLException {
        for (ReceivedBatch received : group) {
            TelemetryBatch batch = received.batch();
            insertBatch.setString(1, batch.gatewayId());
            insertBatch.setLong(2, batch.seq());
            insertBatch.setLong(3, received.receivedAt().toEpochMilli());
            insertBatch.setInt(4, batch.readings().size());
            insertBatch.addBatch();
        }
        int[] inserted = insertBatch.executeBatch();
        List<StoreOutcome> outcomes = new ArrayList<>(group.size());
        List<TelemetryBatch> stored = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            if (inserted[i] == 0) {
                outcomes.add(StoreOutcome.DUPLICATE);
                continue;
            }
            TelemetryBatch batch = group.get(i).batch();
            addReadings(batch, group.get(i).receivedAt().toEpochMilli());
            outcomes.add(StoreOutcome.STORED);
            stored.add(batch);
        }
        if (!stored.isEmpty()) {
            insertReading.executeBatch();
            upsertLatest();
            rollups.stored(connection, stored);
        }
        connection.commit();
        rollups.committed();
        return outcomes;
    }

    private void addReadings(TelemetryBatch batch, long receivedMs) throws SQLException {
        for (int i = 0; i < batch.readings().size(); i++) {
            Reading r = batch.readings().get(i);
            insertReading.setString(1, batch.gatewayId());
            insertReading.setLong(2, batch.seq());
            insertReading.setInt(3, i);
            insertReading.setString(4, r.sensorId());
            insertReading.setString(5, r.kind().wireName());
            insertReading.setDouble(6, r.value());
            insertReading.setLong(7, r.measuredAt().toEpochMilli());
            insertReading.setLong(8, receivedMs);
            insertReading.setString(9, r.timeQuality().wireName());
            insertReading.addBatch();
            newest.merge(new SeriesId(batch.gatewayId(), r.sensorId(), r.kind()), r,
                    (kept, later) -> later.measuredAt().isBefore(kept.measuredAt()) ? kept : later);
        }
    }

    private void upsertLatest() throws SQLException {
        for (Map.Entry<SeriesId, Reading> e : newest.entrySet()) {
            upsertLatest.setString(1, e.getKey().gatewayId());
            upsertLatest.setString(2, e.getKey().sensorId());
            upsertLatest.setString(3, e.getKey().kind().wireName());
            upsertLatest.setDouble(4, e.getValue().value());
            upsertLatest.setLong(5, e.getValue().measuredAt().toEpochMilli());
            upsertLatest.addBatch();
        }
        newest.clear();
        upsertLatest.executeBatch();
    }

    /**
     * Rolls back the open transaction and forgets what a failed {@link #commit} had queued.
     *
     * @throws SQLException if the rollback itself failed
     */
    void rollback() throws SQLException {
        rollups.rolledBack();
        newest.clear();
        insertBatch.clearBatch();
        insertReading.clearBatch();
        upsertLatest.clearBatch();
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        try (insertBatch; insertReading; upsertLatest) {
            // closes all three
        }
    }
}
