package org.coldwatch.server.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.coldwatch.server.storage.InfluxReadingStore;
import org.coldwatch.server.storage.InfluxRollupSink;
import org.coldwatch.server.storage.InfluxSettings;
import org.coldwatch.server.storage.ReceivedBatch;
import org.coldwatch.server.storage.StoreOutcome;
import org.coldwatch.server.testing.InfluxProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable ingest into InfluxDB through {@link InfluxReadingStore} without and with {@link InfluxRollups}, the same
 * readings in the same run against the same {@code influxd} (docs/benchmarks.md, "Rollups at ingest"). Workload of
 * {@link RollupIngestBench}: gateways × 5 sensors at 1 Hz, round-robin over gateways. Not run by the normal build
 * (the name matches neither *Test nor *IT).
 */
class InfluxRollupIngestBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxRollupIngestBenchmark.class);

    @TempDir
    Path dir;

    private final int readings = Integer.getInteger("bench.readings", 200_000);
    private final int perBatch = Integer.getInteger("bench.perBatch", 50);
    private final int gateways = Integer.getInteger("bench.gateways", 100);
    private final int inFlight = Integer.getInteger("bench.inFlight", 2_000);
    private final int rounds = Integer.getInteger("bench.rounds", 2);

    private double run(InfluxProcess influx, String database, List<ReceivedBatch> work, InfluxRollupSink sink)
            throws Exception {
        try (InfluxReadingStore store = InfluxReadingStore.open(InfluxSettings.of(influx.url(), database), sink)) {
            Semaphore window = new Semaphore(inFlight);
            List<Future<StoreOutcome>> futures = new ArrayList<>(work.size());
            long start = System.nanoTime();
            for (ReceivedBatch batch : work) {
                window.acquire();
                Future<StoreOutcome> f = store.store(batch);
                f.onComplete(x -> window.release());
                futures.add(f);
            }
            for (Future<StoreOutcome> f : futures) {
                assertThat(f.toCompletionStage().toCompletableFuture().get(600, TimeUnit.SECONDS))
                        .isEqualTo(StoreOutcome.STORED);
            }
            return (double) work.size() * perBatch / ((System.nanoTime() - start) / 1e9);
        }
    }

    @Test
    void durableReadingsPerSecondWithoutAndWithRollups() throws Exception {
        List<ReceivedBatch> work = RollupIngestBench.workload(gateways, readings / perBatch, perBatch);
        InfluxRollups rollups = new InfluxRollups(RollupSettings.defaults());
        try (InfluxProcess influx = InfluxProcess.start(dir)) {
            run(influx, "warmup_plain", work, InfluxRollupSink.NONE);
            run(influx, "warmup_rollups", work, rollups);
            for (int round = 1; round <= rounds; round++) {
                double plain = run(influx, "plain" + round, work, InfluxRollupSink.NONE);
                double withRollups = run(influx, "rollups" + round, work, rollups);
                LOG.info("bench: round={} readings={} perBatch={} gateways={} inFlight={} withoutRollups={}"
                                + " withRollups={} ratio={}", round, readings, perBatch, gateways, inFlight,
                        Math.round(plain), Math.round(withRollups), String.format("%.2f", withRollups / plain));
            }
        }
    }
}
