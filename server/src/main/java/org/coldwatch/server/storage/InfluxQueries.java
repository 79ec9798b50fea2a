package org.coldwatch.server.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.storage.InfluxReadingStore.GatewaySeq;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The InfluxQL side of {@link InfluxReadingStore}: schema creation, the ledger look-up of committed batches, and the
 * read queries. Tag values are always bound parameters, never spliced into the query text.
 */
final class InfluxQueries {
    private final InfluxDB influx;
    private final String database;
    private final String ledger;

    InfluxQueries(InfluxDB influx, String database) {
        this.influx = influx;
        this.database = database;
        this.ledger = quote(database) + "." + quote(InfluxReadingStore.LEDGER_POLICY) + "."
                + quote(InfluxReadingStore.LEDGER);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Creates the database and the ledger's infinite retention policy; both statements are idempotent. */
    void createDatabase() {
        InfluxResults.checked(influx.query(new Query("CREATE DATABASE " + quote(database))));
        InfluxResults.checked(influx.query(new Query("CREATE RETENTION POLICY " + quote(InfluxReadingStore.LEDGER_POLICY) + " ON "
                + quote(database) + " DURATION INF REPLICATION 1", database)));
    }

    /** A cheap InfluxQL round trip that also proves the database is there; throws if InfluxDB does not answer. */
    void probe() {
        InfluxResults.checked(influx.query(new Query("SHOW RETENTION POLICIES ON " + quote(database), database)));
    }

    /**
     * Which of the batches in these per-gateway seq ranges ({min, max}) the ledger holds: one statement per gateway,
     * all in one request, each a time-range scan of that gateway's ledger series (time = seq ns).
     *
     * @throws InfluxDBException if the query fails (the writer retries)
     */
    Set<GatewaySeq> committed(Map<String, long[]> seqRanges) {
        List<String> gateways = new ArrayList<>(seqRanges.keySet());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < gateways.size(); i++) {
            long[] range = seqRanges.get(gateways.get(i));
            text.append(i == 0 ? "" : "; ").append("SELECT seq FROM ").append(ledger).append(" WHERE gateway = $g")
                    .append(i).append(" AND time >= ").append(range[0]).append(" AND time <= ").append(range[1]);
        }
        BoundParameterQuery.QueryBuilder query = BoundParameterQuery.QueryBuilder.newQuery(text.toString())
                .forDatabase(database);
        for (int i = 0; i < gateways.size(); i++) {
            query.bind("g" + i, gateways.get(i));
        }
        List<QueryResult.Result> results = InfluxResults.checked(influx.query(query.create()));
        Set<GatewaySeq> committed = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            for (List<Object> row : rows(results.get(i))) {
                committed.add(new GatewaySeq(gateways.get(i), ((Number) row.get(1)).longValue()));
            }
        }
        return committed;
    }

    /**
     * The highest seq in the ledger of each of these gateways, 0 for a gateway without any: one statement.
     *
     * @throws InfluxDBException if the query fails (the writer retries)
     */
    Map<String, Long> maxCommitted(Collection<String> gatewayIds) {
        List<String> ids = List.copyOf(gatewayIds);
        BoundParameterQuery.QueryBuilder query = BoundParameterQuery.QueryBuilder.newQuery(
                "SELECT last(seq) FROM " + ledger + " WHERE " + anyGateway(ids.size()) + " GROUP BY gateway")
                .forDatabase(database);
        bindGateways(query, ids);
        Map<String, Long> max = new HashMap<>();
        ids.forEach(id -> max.put(id, 0L));
        for (QueryResult.Result r : InfluxResults.checked(influx.query(query.create()))) {
            for (QueryResult.Series s : series(r)) {
                max.put(s.getTags().get("gateway"), ((Number) s.getValues().get(0).get(1)).longValue());
            }
        }
        return max;
    }

    private static String anyGateway(int count) {
        StringBuilder where = new StringBuilder("(");
        for (int i = 0; i < count; i++) {
            where.append(i == 0 ? "" : " OR ").append("gateway = $g").append(i);
        }
        return where.append(')').toString();
    }

    private static void bindGateways(BoundParameterQuery.QueryBuilder query, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            query.bind("g" + i, ids.get(i));
        }
    }

    List<StoredReading> latest(Collection<String> gatewayIds) {
        List<String> ids = List.copyOf(gatewayIds);
        if (ids.isEmpty()) {
            return List.of();
        }
        BoundParameterQuery.QueryBuilder query = BoundParameterQuery.QueryBuilder.newQuery(
                "SELECT last(value) FROM " + quote(InfluxReadingStore.READING) + " WHERE " + anyGateway(ids.size())
                        + " GROUP BY gateway, sensor, kind").forDatabase(database);
        bindGateways(query, ids);
        List<StoredReading> result = new ArrayList<>();
        for (QueryResult.Result r : read(query.create(), "reading latest values")) {
            for (QueryResult.Series series : series(r)) {
                Map<String, String> tags = series.getTags();
                Optional<ReadingKind> kind = ReadingKind.fromWireName(tags.get("kind"));
                for (List<Object> row : series.getValues()) {
                    kind.ifPresent(k -> result.add(new StoredReading(tags.get("gateway"), 0, tags.get("sensor"), k,
                            ((Number) row.get(1)).doubleValue(), millis(row.get(0)))));
                }
            }
        }
        result.sort(Comparator.<StoredReading>comparingInt(r -> ids.indexOf(r.gatewayId()))
                .thenComparing(StoredReading::sensorId).thenComparing(r -> r.kind().wireName()));
        return result;
    }

    List<StoredReading> recent(String gatewayId, Optional<String> sensorId, int limit) {
        BoundParameterQuery.QueryBuilder query = BoundParameterQuery.QueryBuilder.newQuery(
                "SELECT value, seq, sensor, kind FROM " + quote(InfluxReadingStore.READING) + " WHERE gateway = $g"
                        + (sensorId.isPresent() ? " AND sensor = $s" : "") + " ORDER BY time DESC LIMIT "
                        + Math.max(0, limit)).forDatabase(database).bind("g", gatewayId);
        sensorId.ifPresent(s -> query.bind("s", s));
        List<StoredReading> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        for (QueryResult.Result r : read(query.create(), "reading recent values")) {
            for (List<Object> row : rows(r)) {
                Optional<ReadingKind> kind = ReadingKind.fromWireName((String) row.get(4));
                kind.ifPresent(k -> result.add(new StoredReading(gatewayId, ((Number) row.get(2)).longValue(),
                        (String) row.get(3), k, ((Number) row.get(1)).doubleValue(), millis(row.get(0)))));
            }
        }
        return result;
    }

    GatewayTally tally(String gatewayId) {
        Query query = BoundParameterQuery.QueryBuilder.newQuery("SELECT count(seq), sum(readings), min(seq),"
                + " max(seq) FROM " + ledger + " WHERE gateway = $g").forDatabase(database).bind("g", gatewayId)
                .create();
        for (QueryResult.Result r : read(query, "counting stored batches")) {
            for (List<Object> row : rows(r)) {
                return new GatewayTally(longAt(row, 1), longAt(row, 2), longAt(row, 3), longAt(row, 4));
            }
        }
        return new GatewayTally(0, 0, 0, 0);
    }

    private List<QueryResult.Result> read(Query query, String what) {
        try {
            return InfluxResults.checked(influx.query(query, TimeUnit.MILLISECONDS));
        } catch (RuntimeException e) {
            throw new StorageException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static List<QueryResult.Series> series(QueryResult.Result result) {
        return result.getSeries() == null ? List.of() : result.getSeries();
    }

    private static List<List<Object>> rows(QueryResult.Result result) {
        List<List<Object>> rows = new ArrayList<>();
        for (QueryResult.Series s : series(result)) {
            if (s.getValues() != null) {
                rows.addAll(s.getValues());
            }
        }
        return rows;
    }

    private static long longAt(List<Object> row, int index) {
        Object value = row.get(index);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant millis(Object time) {
        return Instant.ofEpochMilli(((Number) time).longValue());
    }
}
