package org.coldwatch.server.rollups;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.server.storage.RollupSink;

/**
 * Keeps the {@code rollup} table of the readings database current, inside the transaction that stores the readings.
 *
 * <p>Design: for every series touched by the new batches it finds the minutes that changed: the minutes of the new
 * readings and, per minute, the minute of the reading just before the earliest new one (its interval may have
 * shrunk, see {@link RollupCalculator}). Each changed minute is recomputed from the raw readings (plus the first
 * reading after it, for the last interval), each hour containing a changed minute from its minute rows, each day from
 * its hour rows. Recomputing instead of adding makes late, out-of-order and backfilled readings exact, and a
 * duplicate batch never reaches this class. Cost per series and batch: a handful of indexed queries.
 */
public final class SqliteRollups implements RollupSink {
    static final String UPSERT = "INSERT OR REPLACE INTO rollup (gateway_id, sensor_id, kind, resolution, bucket_ms,"
            + " local_start, reading_count, value_sum, value_min, value_max, covered_ms, in_range_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SERIES = " WHERE gateway_id = ? AND sensor_id = ? AND kind = ?";

    private final RollupSettings settings;
    private final long maxIntervalMillis;

    /** Rollups computed with these settings. */
    public SqliteRollups(RollupSettings settings) {
        this.settings = settings;
        this.maxIntervalMillis = settings.maxInterval().toMillis();
    }

    @Override
    public void stored(Connection tx, List<TelemetryBatch> stored) throws SQLException {
        Map<SeriesKey, SortedMap<Instant, Instant>> earliestPerMinute = new HashMap<>();
        for (TelemetryBatch batch : stored) {
            for (Reading r : batch.readings()) {
                Instant minute = Resolution.MINUTE.bucketStart(r.measuredAt(), settings.zone()).toInstant();
                earliestPerMinute.computeIfAbsent(new SeriesKey(batch.gatewayId(), r.sensorId(), r.kind()),
                        k -> new TreeMap<>()).merge(minute, r.measuredAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        try (Statements s = new Statements(tx)) {
            for (Map.Entry<SeriesKey, SortedMap<Instant, Instant>> series : earliestPerMinute.entrySet()) {
                update(s, series.getKey(), series.getValue());
            }
        }
    }

    private void update(Statements s, SeriesKey key, SortedMap<Instant, Instant> earliestPerMinute)
            throws SQLException {
        TreeSet<Instant> minutes = new TreeSet<>(earliestPerMinute.keySet());
        for (Instant earliest : earliestPerMinute.values()) {
            Optional<Long> predecessor = firstLong(s.predecessor, key, earliest.toEpochMilli(),
                    earliest.toEpochMilli() - maxIntervalMillis);
            predecessor.ifPresent(ms -> minutes.add(
                    Resolution.MINUTE.bucketStart(Instant.ofEpochMilli(ms), settings.zone()).toInstant()));
        }
        TreeSet<Instant> hours = new TreeSet<>();
        for (Instant minute : minutes) {
            recomputeMinute(s, key, minute);
            hours.add(Resolution.HOUR.bucketStart(minute, settings.zone()).toInstant());
        }
        TreeSet<Instant> days = new TreeSet<>();
        for (Instant hour : hours) {
            recomputeFromFiner(s, key, Resolution.HOUR, hour);
            days.add(Resolution.DAY.bucketStart(hour, settings.zone()).toInstant());
        }
        for (Instant day : days) {
            recomputeFromFiner(s, key, Resolution.DAY, day);
        }
    }

    private void recomputeMinute(Statements s, SeriesKey key, Instant minute) throws SQLException {
        ZonedDateTime start = Resolution.MINUTE.bucketStart(minute, settings.zone());
        long endMs = Resolution.MINUTE.nextBucketStart(start).toInstant().toEpochMilli();
        List<SeriesPoint> points = new ArrayList<>();
        bind(s.minutePoints, key, minute.toEpochMilli(), endMs);
        try (ResultSet rs = s.minutePoints.executeQuery()) {
            while (rs.next()) {
                points.add(new SeriesPoint(Instant.ofEpochMilli(rs.getLong(1)), rs.getDouble(2)));
            }
        }
        Optional<Instant> successor = firstLong(s.successor, key, endMs, endMs + maxIntervalMillis)
                .map(Instant::ofEpochMilli);
        SortedMap<Instant, RollupStats> bucket = RollupCalculator.buckets(points, successor, Resolution.MINUTE,
                settings.zone(), maxIntervalMillis, settings.target(key.kind()));
        write(s, key, Resolution.MINUTE, start, RollupCalculator.mergeAll(bucket.values()));
    }

    private void recomputeFromFiner(Statements s, SeriesKey key, Resolution resolution, Instant bucket)
            throws SQLException {
        ZonedDateTime start = resolution.bucketStart(bucket, settings.zone());
        Resolution finer = resolution == Resolution.DAY ? Resolution.HOUR : Resolution.MINUTE;
        s.finer.setString(1, key.gatewayId());
        s.finer.setString(2, finer.label());
        s.finer.setString(3, key.sensorId());
        s.finer.setString(4, key.kind().wireName());
        s.finer.setLong(5, bucket.toEpochMilli());
        s.finer.setLong(6, resolution.nextBucketStart(start).toInstant().toEpochMilli());
        RollupStats merged = RollupStats.EMPTY;
        try (ResultSet rs = s.finer.executeQuery()) {
            while (rs.next()) {
                merged = merged.merge(new RollupStats(rs.getLong(1), rs.getDouble(2), rs.getDouble(3),
                        rs.getDouble(4), rs.getLong(5), rs.getLong(6)));
            }
        }
        write(s, key, resolution, start, merged);
    }

    private static void write(Statements s, SeriesKey key, Resolution resolution, ZonedDateTime start,
                              RollupStats stats) throws SQLException {
        if (stats.count() == 0) {
            return; // cannot happen: every recomputed bucket holds the reading that made it change
        }
        PreparedStatement u = s.upsert;
        u.setString(1, key.gatewayId());
        u.setString(2, key.sensorId());
        u.setString(3, key.kind().wireName());
        u.setString(4, resolution.label());
        u.setLong(5, start.toInstant().toEpochMilli());
        u.setString(6, start.toOffsetDateTime().toString());
        u.setLong(7, stats.count());
        u.setDouble(8, stats.sum());
        u.setDouble(9, stats.min());
        u.setDouble(10, stats.max());
        u.setLong(11, stats.coveredMillis());
        u.setLong(12, stats.inRangeMillis());
        u.executeUpdate();
    }

    private static Optional<Long> firstLong(PreparedStatement q, SeriesKey key, long a, long b) throws SQLException {
        bind(q, key, a, b);
        try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                long value = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(value);
            }
            return Optional.empty();
        }
    }

    private static void bind(PreparedStatement q, SeriesKey key, long a, long b) throws SQLException {
        q.setString(1, key.gatewayId());
        q.setString(2, key.sensorId());
        q.setString(3, key.kind().wireName());
        q.setLong(4, a);
        q.setLong(5, b);
    }

    /** The statements of one transaction's update. */
    private static final class Statements implements AutoCloseable {
        final PreparedStatement predecessor;
        final PreparedStatement successor;
        final PreparedStatement minutePoints;
        final PreparedStatement finer;
        final PreparedStatement upsert;

        Statements(Connection tx) throws SQLException {
            predecessor = tx.prepareStatement("SELECT max(measured_ms) FROM reading" + SERIES
                    + " AND measured_ms < ? AND measured_ms > ?");
            successor = tx.prepareStatement("SELECT min(measured_ms) FROM reading" + SERIES
                    + " AND measured_ms >= ? AND measured_ms < ?");
            minutePoints = tx.prepareStatement("SELECT measured_ms, value FROM reading" + SERIES
                    + " AND measured_ms >= ? AND measured_ms < ? ORDER BY measured_ms, seq, idx");
            finer = tx.prepareStatement("SELECT reading_count, value_sum, value_min, value_max, covered_ms,"
                    + " in_range_ms FROM rollup WHERE gateway_id = ? AND resolution = ? AND sensor_id = ?"
                    + " AND kind = ? AND bucket_ms >= ? AND bucket_ms < ?");
            upsert = tx.prepareStatement(UPSERT);
        }

        @Override
        public void close() throws SQLException {
            try (predecessor; successor; minutePoints; finer; upsert) {
                // closes all five
            }
        }
    }
}
