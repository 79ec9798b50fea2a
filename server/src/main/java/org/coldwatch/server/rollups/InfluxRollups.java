package org.coldwatch.server.rollups;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TimeQuality;
import org.coldwatch.server.rollups.RollupPlan.Range;
import org.coldwatch.server.storage.InfluxRollupSink;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.QueryResult;

/**
 * Keeps minute, hour and day rollups in InfluxDB itself, for {@link org.coldwatch.server.storage.InfluxReadingStore}:
 * measurements {@code rollup_minute}, {@code rollup_hour}, {@code rollup_day}, tags {@code gateway}, {@code sensor},
 * {@code kind}, fields {@code count}, {@code sum}, {@code min}, {@code max} (values in the kind's unit),
 * {@code covered_ms} and {@code in_range_ms}, minutes also {@code first_ms}, {@code last_ms}, {@code last_value},
 * {@code last_interval_ms} ({@link MinuteState}); the point's time is the bucket's start. So a scaled-out deployment
 * needs no store besides InfluxDB, and every server instance reads the same rollups.
 *
 * <p>Design: every step replaces a bucket by a value computed from what is stored, nothing adds a gain, so a retry,
 * a crash or a re-sent batch (its ledger point lost) is harmless. Per pass (the new batches of one or more write
 * groups, after their readings are written and before their ledger points):
 * <ol>
 *   <li>{@link RollupPlan} gives the changed minute ranges (the new readings' minutes and those of their possible
 *   predecessors), the rest of the touched hours and the rest of the touched days;</li>
 *   <li>one multi-statement InfluxQL request reads the stored minute points of those ranges (plus
 *   {@code maxInterval} after each, for successors) with their {@link MinuteState}, the aggregate of the stored minute
 *   rollups in each hour's rest and of the stored hour rollups in each day's rest;</li>
 *   <li>a series whose new readings are each newer than every stored reading of their minute (live data) gets its
 *   minutes from {@link MinuteState#extend}; for the gateways of the other series (late, backfilled or re-sent
 *   readings) a second request reads the raw readings of the ranges and every minute of their series is recomputed
 *   from them by {@link RollupCalculator};</li>
 *   <li>each touched hour is its minutes plus its rest, each touched day its hours plus its rest, and one write
 *   request replaces those minute, hour and day points (same series and time: InfluxDB keeps the latest write).</li>
 * </ol>
 * Readings marked {@code unsynced} stay out, as in {@link SqliteRollups}. Within one server the passes run one after
 * the other, in write order, each after its readings are visible, so each pass starts from the state every earlier
 * reading left.
 * Two instances writing the same series at the same moment (a shared subscription splits one gateway's batches) can
 * race: a pass that read before the other instance's readings became visible may write its bucket last. The bucket
 * is then short by those readings until a pass recomputes it from raw readings (a late or re-sent reading in it);
 * see docs/api.md, "Rollups".
 */
public final class InfluxRollups implements InfluxRollupSink {
    static final String READING = "reading";

    private final RollupSettings settings;
    private final long maxIntervalMillis;

    /** Rollups computed with these settings. */
    public InfluxRollups(RollupSettings settings) {
        this.settings = settings;
        this.maxIntervalMillis = settings.maxInterval().toMillis();
    }

    /** The measurement that holds the buckets of {@code resolution}. */
    static String measurement(Resolution resolution) {
        return "rollup_" + resolution.label();
    }

    @Override
    public void written(InfluxDB influx, String database, List<TelemetryBatch> written) {
        RollupPlan plan = RollupPlan.of(written, settings.zone(), maxIntervalMillis);
        if (plan.isEmpty()) {
            return;
        }
        Set<String> gateways = new LinkedHashSet<>();
        written.forEach(b -> gateways.add(b.gatewayId()));
        InfluxQl ql = new InfluxQl(List.copyOf(gateways));
        for (Range r : plan.minutes()) {
            ql.select(InfluxQl.STATES + InfluxQl.quote(measurement(Resolution.MINUTE)), r.start(),
                    r.end().plusMillis(maxIntervalMillis));
        }
        for (Range r : plan.minuteGaps()) {
            ql.select(InfluxQl.AGGREGATE + InfluxQl.quote(measurement(Resolution.MINUTE)), r.start(), r.end());
        }
        for (Range r : plan.hourGaps()) {
            ql.select(InfluxQl.AGGREGATE + InfluxQl.quote(measurement(Resolution.HOUR)), r.start(), r.end());
        }
        List<QueryResult.Result> results = ql.run(influx, database);
        Map<SeriesKey, SortedMap<Instant, MinuteState>> minutes = minutes(influx, database, plan, written, results);
        int offset = plan.minutes().size();
        Map<SeriesKey, Map<Instant, RollupStats>> hourRest = rests(results.subList(offset,
                offset + plan.minuteGaps().size()), plan.minuteGaps(), Resolution.HOUR);
        offset += plan.minuteGaps().size();
        Map<SeriesKey, Map<Instant, RollupStats>> dayRest = rests(results.subList(offset, results.size()),
                plan.hourGaps(), Resolution.DAY);

        BatchPoints.Builder request = BatchPoints.database(database).precision(TimeUnit.MILLISECONDS);
        for (Map.Entry<SeriesKey, SortedMap<Instant, MinuteState>> series : minutes.entrySet()) {
            SeriesKey key = series.getKey();
            SortedMap<Instant, RollupStats> minuteStats = new TreeMap<>();
            series.getValue().forEach((minute, state) -> minuteStats.put(minute, state.stats()));
            SortedMap<Instant, RollupStats> hours = withRest(
                    RollupCalculator.coarsen(minuteStats, Resolution.HOUR, settings.zone()), hourRest.get(key));
            SortedMap<Instant, RollupStats> days = withRest(
                    RollupCalculator.coarsen(hours, Resolution.DAY, settings.zone()), dayRest.get(key));
            series.getValue().forEach((minute, state) -> request.point(point(key, Resolution.MINUTE, minute,
                    state.stats()).addField("first_ms", state.firstMs()).addField("last_ms", state.lastMs())
                    .addField("last_value", state.lastValue()).addField("last_interval_ms", state.lastIntervalMs())
                    .build()));
            hours.forEach((start, stats) -> request.point(point(key, Resolution.HOUR, start, stats).build()));
            days.forEach((start, stats) -> request.point(point(key, Resolution.DAY, start, stats).build()));
        }
        influx.write(request.build());
    }

    /**
     * Every minute in the plan's ranges of every series with new readings: extended from the stored minute states
     * where each new reading is newer than its minute's stored ones (live data), otherwise (late, backfilled or
     * re-sent readings) recomputed from the raw readings, which a second request reads for those series' gateways.
     */
    private Map<SeriesKey, SortedMap<Instant, MinuteState>> minutes(InfluxDB influx, String database, RollupPlan plan,
                                                                    List<TelemetryBatch> written,
                                                                    List<QueryResult.Result> results) {
        Map<SeriesKey, TreeMap<Instant, SeriesPoint>> fresh = freshPoints(written);
        Map<SeriesKey, SortedMap<Instant, MinuteState>> minutes = new HashMap<>();
        Set<String> fromRaw = new LinkedHashSet<>();
        for (int i = 0; i < plan.minutes().size(); i++) {
            Range window = plan.minutes().get(i);
            Map<SeriesKey, SortedMap<Instant, MinuteState>> stored = new HashMap<>();
            Set<SeriesKey> unreadable = InfluxQl.states(results.get(i), stored);
            for (Map.Entry<SeriesKey, TreeMap<Instant, SeriesPoint>> series : fresh.entrySet()) {
                List<SeriesPoint> points = List.copyOf(
                        series.getValue().subMap(window.start(), window.end()).values());
                if (points.isEmpty()) {
                    continue;
                }
                Optional<SortedMap<Instant, MinuteState>> extended = unreadable.contains(series.getKey())
                        ? Optional.empty()
                        : MinuteState.extend(stored.getOrDefault(series.getKey(), new TreeMap<>()), points, window,
                                settings.zone(), maxIntervalMillis, settings.target(series.getKey().kind()));
                if (extended.isPresent()) {
                    minutes.computeIfAbsent(series.getKey(), k -> new TreeMap<>()).putAll(extended.get());
                } else {
                    fromRaw.add(series.getKey().gatewayId());
                }
            }
        }
        if (!fromRaw.isEmpty()) {
            InfluxQl raw = new InfluxQl(List.copyOf(fromRaw));
            for (Range r : plan.minutes()) {
                raw.select(InfluxQl.RAW + InfluxQl.quote(READING), r.start(), r.end().plusMillis(maxIntervalMillis));
            }
            List<QueryResult.Result> rawResults = raw.run(influx, database);
            minutes.keySet().removeIf(k -> fromRaw.contains(k.gatewayId()));
            for (int i = 0; i < plan.minutes().size(); i++) {
                recomputeMinutes(rawResults.get(i), plan.minutes().get(i), minutes);
            }
        }
        return minutes;
    }

    /** The group's readings per series by time, unsynced ones left out; of two at one millisecond the later one. */
    private static Map<SeriesKey, TreeMap<Instant, SeriesPoint>> freshPoints(List<TelemetryBatch> written) {
        Map<SeriesKey, TreeMap<Instant, SeriesPoint>> fresh = new HashMap<>();
        for (TelemetryBatch batch : written) {
            for (Reading r : batch.readings()) {
                if (r.timeQuality() != TimeQuality.UNSYNCED) {
                    fresh.computeIfAbsent(new SeriesKey(batch.gatewayId(), r.sensorId(), r.kind()),
                            k -> new TreeMap<>()).put(r.measuredAt(), new SeriesPoint(r.measuredAt(), r.value()));
                }
            }
        }
        return fresh;
    }

    /** Every minute of every series in {@code range}, from the raw readings of one statement. */
    private void recomputeMinutes(QueryResult.Result result, Range range,
                                  Map<SeriesKey, SortedMap<Instant, MinuteState>> minutes) {
        for (QueryResult.Series series : InfluxQl.series(result)) {
            Optional<SeriesKey> key = InfluxQl.key(series);
            if (key.isEmpty()) {
                continue;
            }
            List<SeriesPoint> points = new ArrayList<>();
            Optional<Instant> successor = Optional.empty();
            for (List<Object> row : series.getValues()) {
                if (TimeQuality.UNSYNCED.wireName().equals(row.get(2))) {
                    continue;
                }
                Instant at = Instant.ofEpochMilli(((Number) row.get(0)).longValue());
                if (at.isBefore(range.end())) {
                    points.add(new SeriesPoint(at, ((Number) row.get(1)).doubleValue()));
                } else {
                    successor = Optional.of(at);
                    break;
                }
            }
            if (!points.isEmpty()) {
                minutes.computeIfAbsent(key.get(), k -> new TreeMap<>()).putAll(MinuteState.fromReadings(points,
                        successor, settings.zone(), maxIntervalMillis, settings.target(key.get().kind())));
            }
        }
    }

    /** The aggregates of the gaps, per series and per bucket of {@code coarser} that contains each gap. */
    private Map<SeriesKey, Map<Instant, RollupStats>> rests(List<QueryResult.Result> results, List<Range> gaps,
                                                           Resolution coarser) {
        Map<SeriesKey, Map<Instant, RollupStats>> rests = new HashMap<>();
        for (int i = 0; i < gaps.size(); i++) {
            Instant bucket = coarser.bucketStart(gaps.get(i).start(), settings.zone()).toInstant();
            for (QueryResult.Series series : InfluxQl.series(results.get(i))) {
                Optional<SeriesKey> key = InfluxQl.key(series);
                if (key.isPresent() && !series.getValues().isEmpty()) {
                    rests.computeIfAbsent(key.get(), k -> new HashMap<>())
                            .merge(bucket, InfluxQl.stats(series.getValues().get(0)), RollupStats::merge);
                }
            }
        }
        return rests;
    }

    /**
     * Fresh buckets merged with the rest of the touched buckets, including touched buckets this series has no
     * fresh data in (their stored narrower buckets all lie in the rest; the wider bucket above needs them).
     */
    private static SortedMap<Instant, RollupStats> withRest(SortedMap<Instant, RollupStats> fresh,
                                                            Map<Instant, RollupStats> rest) {
        if (rest != null) {
            rest.forEach((bucket, stats) -> fresh.merge(bucket, stats, RollupStats::merge));
        }
        return fresh;
    }

    private static Point.Builder point(SeriesKey key, Resolution resolution, Instant start, RollupStats s) {
        return Point.measurement(measurement(resolution)).time(start.toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag("gateway", key.gatewayId()).tag("sensor", key.sensorId()).tag("kind", key.kind().wireName())
                .addField("count", s.count()).addField("sum", s.sum()).addField("min", s.min())
                .addField("max", s.max()).addField("covered_ms", s.coveredMillis())
                .addField("in_range_ms", s.inRangeMillis());
    }
}
