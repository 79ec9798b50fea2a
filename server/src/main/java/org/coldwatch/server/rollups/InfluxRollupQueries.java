package org.coldwatch.server.rollups;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.storage.InfluxSettings;
import org.coldwatch.server.storage.StorageException;
import org.influxdb.InfluxDB;
import org.influxdb.dto.QueryResult;

/** Reads the rollups {@link InfluxRollups} keeps in InfluxDB, through its own client. */
public final class InfluxRollupQueries implements RollupQueries {
    private final InfluxDB influx;
    private final String database;
    private final ZoneId zone;

    private InfluxRollupQueries(InfluxDB influx, String database, ZoneId zone) {
        this.influx = influx;
        this.database = database;
        this.zone = zone;
    }

    /**
     * A client for the store's InfluxDB; connects lazily (the store has already created the database).
     *
     * @param zone the store's time zone, in which bucket starts are reported
     */
    public static InfluxRollupQueries open(InfluxSettings settings, ZoneId zone) {
        InfluxDB influx = settings.connect();
        return new InfluxRollupQueries(influx, settings.database(), zone);
    }

    @Override
    public List<Rollup> rollups(String gatewayId, Optional<String> sensorId, Optional<ReadingKind> kind,
                                Resolution resolution, Instant from, Instant to, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Map<String, String> parameters = new HashMap<>();
        sensorId.ifPresent(s -> parameters.put("s", s));
        kind.ifPresent(k -> parameters.put("k", k.wireName()));
        InfluxQl ql = new InfluxQl(List.of(gatewayId)).select(
                InfluxQl.BUCKETS + InfluxQl.quote(InfluxRollups.measurement(resolution)), from, to,
                (sensorId.isPresent() ? " AND \"sensor\" = $s" : "") + (kind.isPresent() ? " AND \"kind\" = $k" : ""),
                " LIMIT " + limit);
        List<Rollup> result = new ArrayList<>();
        try {
            for (QueryResult.Result r : ql.run(influx, database, parameters)) {
                for (QueryResult.Series series : InfluxQl.series(r)) {
                    Optional<SeriesKey> key = InfluxQl.key(series);
                    if (key.isEmpty()) {
                        continue;
                    }
                    for (List<Object> row : series.getValues()) {
                        Instant start = Instant.ofEpochMilli(((Number) row.get(0)).longValue());
                        result.add(new Rollup(key.get(), resolution, start.atZone(zone).toOffsetDateTime(),
                                InfluxQl.stats(row)));
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new StorageException("reading rollups failed: " + e.getMessage(), e);
        }
        result.sort(Comparator.comparing((Rollup r) -> r.series().sensorId())
                .thenComparing(r -> r.series().kind().wireName()).thenComparing(r -> r.start().toInstant()));
        return result.size() > limit ? List.copyOf(result.subList(0, limit)) : result;
    }

    @Override
    public void close() {
        influx.close();
    }
}
