package org.coldwatch.server.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.server.storage.InfluxReadingStore;
import org.coldwatch.server.storage.InfluxSettings;
import org.coldwatch.server.storage.ReadingStore;
import org.coldwatch.server.testing.InfluxProcess;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollup contract on InfluxDB 1.6.7 started for this class, and what is InfluxDB's own: no transaction. */
class InfluxRollupsIT extends RollupsContract {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    @TempDir
    static Path influxDir;
    static InfluxProcess influx;

    private final String prefix = "rollups_" + INSTANCES.incrementAndGet() + "_";

    @BeforeAll
    static void startInflux() throws Exception {
        influx = InfluxProcess.start(influxDir);
    }

    @AfterAll
    static void stopInflux() {
        if (influx != null) {
            influx.stop();
        }
    }

    private InfluxSettings settings(String name) {
        return InfluxSettings.of(influx.url(), prefix + name.replace('-', '_'));
    }

    @Override
    ReadingStore openStore(String name, RollupSettings settings) {
        return InfluxReadingStore.open(settings(name), new InfluxRollups(settings));
    }

    @Override
    RollupQueries openQueries(String name, RollupSettings settings) {
        return InfluxRollupQueries.open(settings(name), settings.zone());
    }

    @Override
    boolean keepsReadingsOfOneSeriesAtTheSameMillisecond() {
        return false;
    }

    /**
     * The server died after a group's readings and rollups were written but before its ledger points: the gateways
     * send the batches again, the ledger does not know them, so they are written and rolled up a second time.
     */
    @Test
    void batchesRolledUpAgainAfterTheirLedgerPointsWereLostLeaveEveryBucketAsItWas() throws Exception {
        List<TelemetryBatch> batches = randomBatches(new Random(11), List.of(local("2026-12-04T00:00:00")));
        try (ReadingStore store = openStore("lost-ledger", SETTINGS)) {
            for (int from = 0; from < batches.size(); from += 5) {
                storeAll(store, batches.subList(from, Math.min(from + 5, batches.size())));
            }
        }
        Map<Resolution, Map<String, RollupStats>> before = snapshot("lost-ledger");
        try (InfluxDB client = InfluxDBFactory.connect(influx.url().toString())) {
            QueryResult dropped = client.query(new Query("DROP SERIES FROM \"batch\"", prefix + "lost_ledger"));
            assertThat(dropped.hasError()).as(String.valueOf(dropped.getError())).isFalse();
        }
        try (ReadingStore store = openStore("lost-ledger", SETTINGS)) {
            assertThat(store.tally(GATEWAY).batches()).isZero();
            List<TelemetryBatch> reversed = new ArrayList<>(batches);
            Collections.reverse(reversed);
            assertThat(storeAll(store, reversed)).isZero(); // all new to the ledger, sent in reverse order
            assertThat(store.tally(GATEWAY).readings()).isEqualTo(
                    batches.stream().mapToLong(b -> b.readings().size()).sum());
        }
        assertThat(snapshot("lost-ledger")).isEqualTo(before);
        assertThat(before.get(Resolution.DAY)).isEqualTo(bruteForce(rawReadings(batches), Resolution.DAY, SHANGHAI));
    }

    private Map<Resolution, Map<String, RollupStats>> snapshot(String name) {
        try (InfluxRollupQueries queries = InfluxRollupQueries.open(settings(name), SHANGHAI)) {
            Map<Resolution, Map<String, RollupStats>> all = new TreeMap<>();
            for (Resolution resolution : Resolution.values()) {
                all.put(resolution, stored(queries, resolution));
            }
            return all;
        }
    }
}
