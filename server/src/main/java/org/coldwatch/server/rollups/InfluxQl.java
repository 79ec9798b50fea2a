package org.coldwatch.server.rollups;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.storage.InfluxResults;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;

/**
 * One multi-statement InfluxQL request over the series of some gateways, for the rollups: each statement selects
 * a time range, filtered to the gateways (bound parameters, never spliced into the text) and grouped by series.
 * Also reads series keys and rollup fields back from the answer.
 */
final class InfluxQl {
    /** The aggregate of stored rollup points, as one bucket; append the measurement. */
    static final String AGGREGATE = "SELECT sum(\"count\"), sum(\"sum\"), min(\"min\"), max(\"max\"),"
            + " sum(\"covered_ms\"), sum(\"in_range_ms\") FROM ";
    /** The raw readings; append the measurement. */
    static final String RAW = "SELECT \"value\", \"time_quality\" FROM ";
    /** The stored minute points with their {@link MinuteState}; append the measurement. */
    static final String STATES = "SELECT \"count\", \"sum\", \"min\", \"max\", \"covered_ms\", \"in_range_ms\","
            + " \"first_ms\", \"last_ms\", \"last_value\", \"last_interval_ms\" FROM ";
    /** The stored rollup points one by one; append the measurement. */
    static final String BUCKETS = "SELECT \"count\", \"sum\", \"min\", \"max\", \"covered_ms\", \"in_range_ms\" FROM ";

    /**
     * Most gateways in one request: the query and its bound parameters travel in the URL, which InfluxDB limits
     * (1 MB of headers in Go's HTTP server); a pass over more gateways is split into several requests.
     */
    static final int GATEWAYS_PER_REQUEST = 200;
    private static final String FILTER = "\u0000gateways\u0000";

    private final List<String> gateways;
    private final List<String> statements = new ArrayList<>();

    /** Statements over the series of these gateways. */
    InfluxQl(List<String> gateways) {
        this.gateways = gateways;
    }

    private static String filter(int count) {
        StringBuilder filter = new StringBuilder("(");
        for (int i = 0; i < count; i++) {
            filter.append(i == 0 ? "" : " OR ").append("\"gateway\" = $g").append(i);
        }
        return filter.append(')').toString();
    }

    /** An identifier in double quotes. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Adds {@code select} restricted to the gateways and {@code [start, end)}, grouped by series. */
    InfluxQl select(String select, Instant start, Instant end) {
        return select(select, start, end, "", "");
    }

    /**
     * As {@link #select(String, Instant, Instant)} with more {@code conditions} ({@code " AND ..."}) and a
     * {@code tail} after the grouping ({@code " LIMIT 10"}).
     */
    InfluxQl select(String select, Instant start, Instant end, String conditions, String tail) {
        statements.add(select + " WHERE " + FILTER + " AND time >= " + nanos(start) + " AND time < " + nanos(end)
                + conditions + " GROUP BY \"gateway\", \"sensor\", \"kind\"" + tail);
        return this;
    }

    private static long nanos(Instant at) {
        return Math.multiplyExact(at.toEpochMilli(), 1_000_000L);
    }

    /**
     * Runs the statements in one request, times in epoch milliseconds; one result per statement, in order.
     *
     * @throws InfluxDBException if the request or a statement fails
     */
    List<QueryResult.Result> run(InfluxDB influx, String database, Map<String, String> moreParameters) {
        List<QueryResult.Result> merged = new ArrayList<>();
        for (int from = 0; from < gateways.size(); from += GATEWAYS_PER_REQUEST) {
            List<String> chunk = gateways.subList(from, Math.min(gateways.size(), from + GATEWAYS_PER_REQUEST));
            String filter = filter(chunk.size());
            String text = String.join("; ", statements.stream().map(st -> st.replace(FILTER, filter)).toList());
            BoundParameterQuery.QueryBuilder query = BoundParameterQuery.QueryBuilder.newQuery(text)
                    .forDatabase(database);
            for (int i = 0; i < chunk.size(); i++) {
                query.bind("g" + i, chunk.get(i));
            }
            moreParameters.forEach(query::bind);
            List<QueryResult.Result> results =
                    InfluxResults.checked(influx.query(query.create(), TimeUnit.MILLISECONDS));
            if (merged.isEmpty()) {
                merged.addAll(results);
            } else {
                for (int i = 0; i < results.size(); i++) {
                    List<QueryResult.Series> all = new ArrayList<>(series(merged.get(i)));
                    all.addAll(series(results.get(i)));
                    merged.get(i).setSeries(all);
                }
            }
        }
        return merged;
    }

    /** As {@link #run(InfluxDB, String, Map)} without further parameters. */
    List<QueryResult.Result> run(InfluxDB influx, String database) {
        return run(influx, database, Map.of());
    }

    static List<QueryResult.Series> series(QueryResult.Result result) {
        return result.getSeries() == null ? List.of() : result.getSeries();
    }

    /** The series a result belongs to; empty for a kind this server does not know. */
    static Optional<SeriesKey> key(QueryResult.Series series) {
        Map<String, String> tags = series.getTags();
        return ReadingKind.fromWireName(tags.get("kind"))
                .map(kind -> new SeriesKey(tags.get("gateway"), tags.get("sensor"), kind));
    }

    /** The stats in a row {@code [time, count, sum, min, max, covered_ms, in_range_ms]}. */
    static RollupStats stats(List<Object> row) {
        return new RollupStats(longAt(row, 1), ((Number) row.get(2)).doubleValue(),
                ((Number) row.get(3)).doubleValue(), ((Number) row.get(4)).doubleValue(), longAt(row, 5),
                longAt(row, 6));
    }

    /**
     * Reads the rows of a {@link #STATES} statement into {@code states}; returns the series whose points lack a state
     * field (those must be recomputed from raw readings).
     */
    static Set<SeriesKey> states(QueryResult.Result result, Map<SeriesKey, SortedMap<Instant, MinuteState>> states) {
        Set<SeriesKey> unreadable = new HashSet<>();
        for (QueryResult.Series series : series(result)) {
            Optional<SeriesKey> key = key(series);
            if (key.isEmpty()) {
                continue;
            }
            SortedMap<Instant, MinuteState> minutes = new TreeMap<>();
            for (List<Object> row : series.getValues()) {
                if (row.subList(1, 11).contains(null)) {
                    unreadable.add(key.get());
                    break;
                }
                minutes.put(Instant.ofEpochMilli(longAt(row, 0)), new MinuteState(stats(row), longAt(row, 7),
                        longAt(row, 8), ((Number) row.get(9)).doubleValue(), longAt(row, 10)));
            }
            states.put(key.get(), minutes);
        }
        return unreadable;
    }

    private static long longAt(List<Object> row, int index) {
        return ((Number) row.get(index)).longValue();
    }
}
