package org.coldwatch.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import okhttp3.OkHttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.server.testing.InfluxProcess;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable readings/s into InfluxDB through {@link InfluxReadingStore}, side by side in the same run with
 * influxdb-java's own synchronous BatchPoints write of the same points (the best rate measured in DEPENDENCIES.md).
 * Not run by the normal build (the name matches neither *Test nor *IT); see docs/benchmarks.md.
 */
class InfluxReadingStoreBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxReadingStoreBenchmark.class);
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;

    private final int readings = Integer.getInteger("bench.readings", 500_000);
    private final int perBatch = Integer.getInteger("bench.perBatch", 20);
    private final int gateways = Integer.getInteger("bench.gateways", 100);
    private final int inFlight = Integer.getInteger("bench.inFlight", 2_000);
    private final int rounds = Integer.getInteger("bench.rounds", 2);

    /** Reading number i: gateway i % gateways, distinct sensor/time per gateway, so every point is its own. */
    private TelemetryBatch batch(int round, long seq, int gateway) {
        List<Reading> list = new ArrayList<>(perBatch);
        for (int i = 0; i < perBatch; i++) {
            list.add(Reading.of("s" + (i % 10), i % 2 == 0 ? ReadingKind.TEMPERATURE : ReadingKind.HUMIDITY,
                    2.0 + i, T0.plusMillis(seq * perBatch + i)));
        }
        return TelemetryBatch.of("r" + round + "-gw-" + gateway, seq, list);
    }

    private double clientBatchWrite(InfluxProcess influx, String database, boolean noDelay) {
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        if (noDelay) {
            http.socketFactory(new NoDelaySocketFactory());
        }
        try (InfluxDB client = InfluxDBFactory.connect(influx.url().toString(), http)) {
            client.query(new Query("CREATE DATABASE " + database));
            int batches = readings / perBatch;
            long start = System.nanoTime();
            BatchPoints.Builder points = BatchPoints.database(database).precision(TimeUnit.MILLISECONDS);
            int inRequest = 0;
            for (int b = 0; b < batches; b++) {
                TelemetryBatch batch = batch(0, b / gateways + 1, b % gateways);
                for (Reading r : batch.readings()) {
                    points.point(Point.measurement("reading").time(r.measuredAt().toEpochMilli(),
                                    TimeUnit.MILLISECONDS).tag("gateway", batch.gatewayId())
                            .tag("sensor", r.sensorId()).tag("kind", r.kind().wireName())
                            .addField("value", r.value()).addField("seq", batch.seq()).build());
                    if (++inRequest == InfluxSettings.DEFAULT_BATCH_POINTS) {
                        client.write(points.build());
                        points = BatchPoints.database(database).precision(TimeUnit.MILLISECONDS);
                        inRequest = 0;
                    }
                }
            }
            if (inRequest > 0) {
                client.write(points.build());
            }
            return readings / ((System.nanoTime() - start) / 1e9);
        }
    }

    private double storeWrite(InfluxProcess influx, int round) throws Exception {
        try (InfluxReadingStore store = InfluxReadingStore.open(InfluxSettings.of(influx.url(), "store" + round))) {
            int batches = readings / perBatch;
            Semaphore window = new Semaphore(inFlight);
            List<Future<StoreOutcome>> futures = new ArrayList<>(batches);
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                window.acquire();
                Future<StoreOutcome> f = store.store(new ReceivedBatch(batch(round, b / gateways + 1, b % gateways),
                        T0));
                f.onComplete(x -> window.release());
                futures.add(f);
            }
            for (Future<StoreOutcome> f : futures) {
                assertThat(f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS))
                        .isEqualTo(StoreOutcome.STORED);
            }
            double rate = readings / ((System.nanoTime() - start) / 1e9);
            long stored = 0;
            for (int g = 0; g < gateways; g++) {
                GatewayTally tally = store.tally("r" + round + "-gw-" + g);
                assertThat(tally.gaps()).isZero();
                stored += tally.readings();
            }
            assertThat(stored).isEqualTo((long) batches * perBatch);
            return rate;
        }
    }

    @Test
    void durableReadingsPerSecondBesideTheClientsOwnBatchWrite() throws Exception {
        try (InfluxProcess influx = InfluxProcess.start(dir)) {
            storeWrite(influx, 0);
            clientBatchWrite(influx, "warmup", true);
            for (int round = 1; round <= rounds; round++) {
                double plain = clientBatchWrite(influx, "plain" + round, false);
                double noDelay = clientBatchWrite(influx, "nodelay" + round, true);
                double store = storeWrite(influx, round);
                double best = Math.max(plain, noDelay);
                LOG.info("bench: round={} readings={} perBatch={} gateways={} inFlight={} client={}"
                                + " clientNoDelay={} store={} ratioToBest={}", round, readings, perBatch, gateways,
                        inFlight, Math.round(plain), Math.round(noDelay), Math.round(store),
                        String.format("%.2f", store / best));
            }
        }
    }
}
