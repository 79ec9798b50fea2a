package org.coldwatch.server.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.server.storage.InfluxReadingStore;
import org.coldwatch.server.storage.InfluxSettings;
import org.coldwatch.server.storage.ReadingStore;
import org.coldwatch.server.storage.ReceivedBatch;
import org.coldwatch.server.storage.StoreOutcome;
import org.coldwatch.server.testing.InfluxProcess;
import org.awaitility.Awaitility;
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

    /** InfluxDB stopped while batches wait: rollup passes and ledger writes are retried; every bucket ends exact. */
    @Test
    void afterAnOutageDuringIngestEveryBucketEqualsBruteForce() throws Exception {
        List<TelemetryBatch> batches = new ArrayList<>();
        for (int seq = 1; seq <= 150; seq++) { // one batch every 7 s over about 17 minutes around midnight
            Instant at = local("2026-12-03T23:52:00").plusSeconds(7L * seq);
            batches.add(TelemetryBatch.of(GATEWAY, seq, List.of(
                    Reading.of("air", ReadingKind.TEMPERATURE, (seq % 40) / 8.0, at),
                    Reading.of("door-side", ReadingKind.HUMIDITY, 88 + (seq % 20) / 4.0, at.plusMillis(500)))));
        }
        try (ReadingStore store = openStore("outage", SETTINGS)) {
            assertThat(storeAll(store, batches.subList(0, 50))).isZero();
            influx.stop();
            List<Future<StoreOutcome>> duringOutage = new ArrayList<>();
            for (TelemetryBatch b : batches.subList(50, 150)) {
                duringOutage.add(store.store(new ReceivedBatch(b, RECEIVED)));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !store.health().up());
            assertThat(duringOutage).noneMatch(Future::isComplete);
            influx.start();
            for (Future<StoreOutcome> f : duringOutage) {
                assertThat(RollupsContract.await(f)).isEqualTo(StoreOutcome.STORED);
            }
            assertThat(storeAll(store, batches.subList(140, 150))).isEqualTo(10);
        }
        Map<Resolution, Map<String, RollupStats>> stored = snapshot("outage");
        for (Resolution resolution : Resolution.values()) {
            assertThat(stored.get(resolution)).as(resolution.label())
                    .isEqualTo(bruteForce(rawReadings(batches), resolution, SHANGHAI));
        }
    }

    /** A pass over more gateways than fit in one query request (the URL) is split into several. */
    @Test
    void aPassOverMoreGatewaysThanOneRequestTakesRollsUpEachOfThem() throws Exception {
        int gateways = 2 * InfluxQl.GATEWAYS_PER_REQUEST + 50;
        Instant at = local("2026-12-03T10:00:30");
        try (ReadingStore store = openStore("many", SETTINGS)) {
            for (int round = 0; round < 2; round++) { // second round: extended from the stored minutes
                List<Future<StoreOutcome>> pending = new ArrayList<>();
                for (int g = 0; g < gateways; g++) {
                    pending.add(store.store(new ReceivedBatch(TelemetryBatch.of("gw-" + g, round + 1, List.of(
                            Reading.of("air", ReadingKind.TEMPERATURE, 2.0, at.plusSeconds(10L * round)))),
                            RECEIVED)));
                }
                for (Future<StoreOutcome> f : pending) {
                    assertThat(RollupsContract.await(f)).isEqualTo(StoreOutcome.STORED);
                }
            }
        }
        try (RollupQueries queries = openQueries("many", SETTINGS)) {
            for (int g = 0; g < gateways; g++) {
                assertThat(queries.rollups("gw-" + g, Optional.empty(), Optional.empty(), Resolution.DAY,
                        Instant.EPOCH, at.plusSeconds(86_400), 10)).as("gw-%d", g).singleElement()
                        .extracting(Rollup::stats).isEqualTo(new RollupStats(2, 4.0, 2.0, 2.0, 10_000 + CAP_MS,
                                10_000 + CAP_MS));
            }
        }
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
