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
import org.coldwatch.protocol.TimeQuality;
import org.coldwatch.server.storage.RollupSink;

/**
 * Keeps the {@code rollup} table of the readings database current, inside the transaction that stores the readings.
 *
 * <p>Fast path: a series whose new readings are all later than its newest stored one (live data, and a backfill
 * sent oldest first) only adds: {@link SeriesTail} computes the gains from the newest reading, kept in memory by
 * {@link SeriesTails} (committed with the transaction, forgotten on rollback), and they are added to the minute, hour
 * and day buckets with one statement per touched bucket and no reads.
 *
 * <p>Slow path, for everything else: for every series touched by the new batches it finds the minutes that changed: the minutes of the new
 * readings and, per minute, the minute of the reading just before the earliest new one (its interval may have
 * shrunk, see {@link RollupCalculator}). Each changed minute is recomputed from the raw readings (plus the first
 * reading after it, for the last interval); what the minute gained ({@link RollupStats#gainedSince}) is then added
 * to its hour and its day. Recomputing minutes from raw readings makes late, out-of-order and backfilled readings
 * exact; adding gains to hours and days is exact because readings are only ever added. A duplicate batch never
 * reaches this class. Readings marked {@code unsynced} (measured time not trustworthy) stay out of the rollups;
 * {@code corrected} ones are rolled up at their corrected time. Cost per series and commit: about six indexed statements per changed minute.
 */
public final class SqliteRollups implements RollupSink {
    private static final String INSERT = "INSERT INTO rollup (gateway_id, sensor_id, kind, resolution, bucket_ms,"
            + " local_start, reading_count, value_sum, value_min, value_max, covered_ms, in_range_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** One series' readings whose time can be placed in a bucket: unsynced readings are kept raw, not rolled up. */
    private static final String SERIES = " WHERE gateway_id = ? AND sensor_id = ? AND kind = ?"
            + " AND (time_quality IS NULL OR time_quality <> 'unsynced')";

    private static final int TAILS_KEPT = 200_000;

    private final RollupSettings settings;
    private final long maxIntervalMillis;
    private final SeriesTails tails = new SeriesTails(TAILS_KEPT);

    /** Rollups computed with these settings. */
    public SqliteRollups(RollupSettings settings) {
        this.settings = settings;
        this.maxIntervalMillis = settings.maxInterval().toMillis();
    }

    @Override
    public void stored(Connection tx, List<TelemetryBatch> stored) throws SQLException {
        Map<SeriesKey, List<SeriesPoint>> fresh = new HashMap<>();
        for (TelemetryBatch batch : stored) {
            for (Reading r : batch.readings()) {
                if (r.timeQuality() == TimeQuality.UNSYNCED) {
                    continue; // its measured time may be far off (docs/protocol.md): no bucket to put it in
                }
                fresh.computeIfAbsent(new SeriesKey(batch.gatewayId(), r.sensorId(), r.kind()),
                        k -> new ArrayList<>()).add(new SeriesPoint(r.measuredAt(), r.value()));
            }
        }
        try (Statements s = new Statements(tx)) {
            for (Map.Entry<SeriesKey, List<SeriesPoint>> series : fresh.entrySet()) {
                SeriesKey key = series.getKey();
                Optional<SeriesTail.Point> last = tails.newest(key);
                Optional<SeriesTail.Gains> gains = last.flatMap(tail -> SeriesTail.append(tail, series.getValue(),
                        settings.zone(), maxIntervalMillis, settings.target(key.kind())));
                if (gains.isPresent()) {
                    addAll(s, key, gains.get());
                } else {
                    update(s, key, earliestPerMinute(series.getValue()));
                    tails.pending(key, newest(s, key));
                    continue;
                }
                tails.pending(key, Optional.of(gains.get().newest()));
            }
        }
    }

    @Override
    public void committed() {
        tails.committed();
    }

    @Override
    public void rolledBack() {
        tails.rolledBack();
    }

    private SortedMap<Instant, Instant> earliestPerMinute(List<SeriesPoint> points) {
        SortedMap<Instant, Instant> earliest = new TreeMap<>();
        for (SeriesPoint p : points) {
            earliest.merge(Resolution.MINUTE.bucketStart(p.measuredAt(), settings.zone()).toInstant(),
                    p.measuredAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return earliest;
    }

    private void addAll(Statements s, SeriesKey key, SeriesTail.Gains gains) throws SQLException {
        for (Map.Entry<Instant, RollupStats> minute : gains.minutes().entrySet()) {
            add(s, key, Resolution.MINUTE, minute.getKey(), minute.getValue());
        }
        for (Map.Entry<Instant, RollupStats> hour : RollupCalculator.coarsen(gains.minutes(), Resolution.HOUR,
                settings.zone()).entrySet()) {
            add(s, key, Resolution.HOUR, hour.getKey(), hour.getValue());
        }
        for (Map.Entry<Instant, RollupStats> day : RollupCalculator.coarsen(gains.minutes(), Resolution.DAY,
                settings.zone()).entrySet()) {
            add(s, key, Resolution.DAY, day.getKey(), day.getValue());
        }
    }

    /** The series' newest rolled-up reading in the open transaction, ties broken by storage order. */
    private static Optional<SeriesTail.Point> newest(Statements s, SeriesKey key) throws SQLException {
        for (int offset : new int[] {0, 3}) {
            s.newest.setString(offset + 1, key.gatewayId());
            s.newest.setString(offset + 2, key.sensorId());
            s.newest.setString(offset + 3, key.kind().wireName());
        }
        try (ResultSet rs = s.newest.executeQuery()) {
            return rs.next() ? Optional.of(new SeriesTail.Point(rs.getLong(1), rs.getDouble(2))) : Optional.empty();
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
        Map<Instant, RollupStats> hourGains = new TreeMap<>();
        Map<Instant, RollupStats> dayGains = new TreeMap<>();
        for (Instant minute : minutes) {
            RollupStats gained = recomputeMinute(s, key, minute);
            hourGains.merge(Resolution.HOUR.bucketStart(minute, settings.zone()).toInstant(), gained,
                    RollupStats::merge);
            dayGains.merge(Resolution.DAY.bucketStart(minute, settings.zone()).toInstant(), gained,
                    RollupStats::merge);
        }
        for (Map.Entry<Instant, RollupStats> hour : hourGains.entrySet()) {
            add(s, key, Resolution.HOUR, hour.getKey(), hour.getValue());
        }
        for (Map.Entry<Instant, RollupStats> day : dayGains.entrySet()) {
            add(s, key, Resolution.DAY, day.getKey(), day.getValue());
        }
    }

    /** Recomputes one minute from the raw readings; returns what it gained (see {@link RollupStats#gainedSince}). */
    private RollupStats recomputeMinute(Statements s, SeriesKey key, Instant minute) throws SQLException {
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
        RollupStats now = RollupCalculator.mergeAll(bucket.values());
        RollupStats before = stored(s, key, minute);
        bind(s.upsert, key, Resolution.MINUTE, start, now);
        s.upsert.executeUpdate();
        return now.gainedSince(before);
    }

    private static RollupStats stored(Statements s, SeriesKey key, Instant minute) throws SQLException {
        s.storedMinute.setString(1, key.gatewayId());
        s.storedMinute.setString(2, key.sensorId());
        s.storedMinute.setString(3, key.kind().wireName());
        s.storedMinute.setLong(4, minute.toEpochMilli());
        try (ResultSet rs = s.storedMinute.executeQuery()) {
            return rs.next() ? new RollupStats(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                    rs.getLong(5), rs.getLong(6)) : RollupStats.EMPTY;
        }
    }

    private void add(Statements s, SeriesKey key, Resolution resolution, Instant bucket, RollupStats gained)
            throws SQLException {
        bind(s.add, key, resolution, resolution.bucketStart(bucket, settings.zone()), gained);
        s.add.executeUpdate();
    }

    private static void bind(PreparedStatement u, SeriesKey key, Resolution resolution, ZonedDateTime start,
                             RollupStats stats) throws SQLException {
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
        final PreparedStatement storedMinute;
        final PreparedStatement upsert;
        final PreparedStatement add;
        final PreparedStatement newest;

        Statements(Connection tx) throws SQLException {
            newest = tx.prepareStatement("SELECT measured_ms, value FROM reading" + SERIES
                    + " AND measured_ms = (SELECT max(measured_ms) FROM reading" + SERIES + ")"
                    + " ORDER BY seq DESC, idx DESC LIMIT 1");
            predecessor = tx.prepareStatement("SELECT max(measured_ms) FROM reading" + SERIES
                    + " AND measured_ms < ? AND measured_ms > ?");
            successor = tx.prepareStatement("SELECT min(measured_ms) FROM reading" + SERIES
                    + " AND measured_ms >= ? AND measured_ms < ?");
            minutePoints = tx.prepareStatement("SELECT measured_ms, value FROM reading" + SERIES
                    + " AND measured_ms >= ? AND measured_ms < ? ORDER BY measured_ms, seq, idx");
            storedMinute = tx.prepareStatement("SELECT reading_count, value_sum, value_min, value_max, covered_ms,"
                    + " in_range_ms FROM rollup WHERE gateway_id = ? AND resolution = 'minute' AND sensor_id = ?"
                    + " AND kind = ? AND bucket_ms = ?");
            upsert = tx.prepareStatement(INSERT + " ON CONFLICT DO UPDATE SET reading_count = excluded.reading_count,"
                    + " value_sum = excluded.value_sum, value_min = excluded.value_min,"
                    + " value_max = excluded.value_max, covered_ms = excluded.covered_ms,"
                    + " in_range_ms = excluded.in_range_ms");
            add = tx.prepareStatement(INSERT + " ON CONFLICT DO UPDATE SET"
                    + " reading_count = reading_count + excluded.reading_count,"
                    + " value_sum = value_sum + excluded.value_sum, value_min = min(value_min, excluded.value_min),"
                    + " value_max = max(value_max, excluded.value_max),"
                    + " covered_ms = covered_ms + excluded.covered_ms,"
                    + " in_range_ms = in_range_ms + excluded.in_range_ms");
        }

        @Override
        public void close() throws SQLException {
            try (predecessor; successor; minutePoints; storedMinute; upsert; add; newest) {
                // closes all seven
            }
        }
    }
}
