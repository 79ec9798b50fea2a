package org.coldwatch.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.server.testing.InfluxProcess;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InfluxDB failing under the store: an outage, and a batch whose readings were written but not its ledger point. */
class InfluxReadingStoreFaultIT {
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;
    InfluxProcess influx;
    InfluxReadingStore store;

    @BeforeEach
    void start() throws Exception {
        influx = InfluxProcess.start(dir);
        store = InfluxReadingStore.open(InfluxSettings.of(influx.url(), "faults"));
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        influx.stop();
    }

    static TelemetryBatch batch(long seq) {
        Instant at = T0.plusSeconds(seq);
        return TelemetryBatch.of("gw-1", seq, List.of(
                Reading.of("air", ReadingKind.TEMPERATURE, 2.0 + seq / 1000.0, at),
                Reading.of("air", ReadingKind.HUMIDITY, 90.0, at)));
    }

    List<Future<StoreOutcome>> storeAll(long fromSeq, long toSeq) {
        List<Future<StoreOutcome>> futures = new ArrayList<>();
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            futures.add(store.store(new ReceivedBatch(batch(seq), T0)));
        }
        return futures;
    }

    static List<StoreOutcome> awaitAll(List<Future<StoreOutcome>> futures) throws Exception {
        List<StoreOutcome> outcomes = new ArrayList<>();
        for (Future<StoreOutcome> f : futures) {
            outcomes.add(f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    @Test
    void whileInfluxIsDownWritesWaitAndAfterItsRestartEveryBatchIsStoredExactlyOnce() throws Exception {
        assertThat(awaitAll(storeAll(1, 100))).containsOnly(StoreOutcome.STORED);

        influx.stop();
        List<Future<StoreOutcome>> duringOutage = storeAll(101, 300);
        await().atMost(Duration.ofSeconds(30)).until(() -> !store.health().up());

        assertThat(duringOutage).noneMatch(Future::isComplete);
        assertThat(store.health().detail()).startsWith("write failed");

        influx.start();

        assertThat(awaitAll(duringOutage)).hasSize(200).containsOnly(StoreOutcome.STORED);
        assertThat(store.health().up()).isTrue();
        assertThat(awaitAll(storeAll(250, 300))).hasSize(51).containsOnly(StoreOutcome.DUPLICATE);
        GatewayTally tally = store.tally("gw-1");
        assertThat(tally).isEqualTo(new GatewayTally(300, 600, 1, 300));
        assertThat(tally.gaps()).isZero();
        List<StoredReading> points = store.recent("gw-1", Optional.empty(), 10_000);
        assertThat(points).hasSize(600);
        Set<Long> seqs = new HashSet<>();
        points.forEach(r -> seqs.add(r.seq()));
        assertThat(seqs).hasSize(300);
    }

    @Test
    void aBatchWhoseReadingsWereWrittenButNotItsLedgerPointIsStoredOnceWhenSentAgain() throws Exception {
        TelemetryBatch halfWritten = batch(1);
        try (InfluxDB client = InfluxDBFactory.connect(influx.url().toString())) {
            BatchPoints.Builder points = BatchPoints.database("faults").precision(TimeUnit.MILLISECONDS);
            for (Reading r : halfWritten.readings()) {
                points.point(Point.measurement("reading").time(r.measuredAt().toEpochMilli(), TimeUnit.MILLISECONDS)
                        .tag("gateway", "gw-1").tag("sensor", r.sensorId()).tag("kind", r.kind().wireName())
                        .addField("value", r.value()).addField("seq", halfWritten.seq()).build());
            }
            client.write(points.build());
        }
        assertThat(store.tally("gw-1").batches()).isZero();

        assertThat(awaitAll(List.of(store.store(new ReceivedBatch(halfWritten, T0)))))
                .containsExactly(StoreOutcome.STORED);

        assertThat(store.recent("gw-1", Optional.empty(), 100)).hasSize(2);
        assertThat(store.tally("gw-1")).isEqualTo(new GatewayTally(1, 2, 1, 1));
    }

    @Test
    void healthFollowsInfluxEvenWithoutWrites() throws Exception {
        assertThat(store.health().up()).isTrue();

        influx.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !store.health().up());
        assertThat(store.health().detail()).startsWith("unreachable");

        influx.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> store.health().up());
    }

    @Test
    void closingWhileInfluxIsDownFailsThePendingWritesAndAcknowledgesNone() throws Exception {
        assertThat(awaitAll(storeAll(1, 10))).containsOnly(StoreOutcome.STORED);
        influx.stop();
        List<Future<StoreOutcome>> pending = storeAll(11, 60);
        await().atMost(Duration.ofSeconds(30)).until(() -> !store.health().up());

        store.close();

        assertThat(pending).allMatch(Future::failed);
        influx.start();
        store = InfluxReadingStore.open(InfluxSettings.of(influx.url(), "faults"));
        assertThat(store.tally("gw-1")).isEqualTo(new GatewayTally(10, 20, 1, 10));
        assertThat(awaitAll(storeAll(11, 60))).containsOnly(StoreOutcome.STORED);
        assertThat(store.tally("gw-1")).isEqualTo(new GatewayTally(60, 120, 1, 60));
    }
}
