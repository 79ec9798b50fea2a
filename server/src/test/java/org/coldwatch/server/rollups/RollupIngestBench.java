package org.coldwatch.server.rollups;

import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.server.storage.ReceivedBatch;
import org.coldwatch.server.storage.RollupSink;
import org.coldwatch.server.storage.SqliteReadingStore;

/**
 * Durable ingest into the embedded store with and without rollups, same rows, same run (docs/benchmarks.md,
 * "Rollups at ingest"). Not a test: run its {@code main}. Arguments: gateways, batches, readings per batch.
 */
public final class RollupIngestBench {
    private static final int SENSORS = 5;
    private static final int IN_FLIGHT = 2_000;

    private RollupIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int gateways = Integer.parseInt(args[0]);
        int batches = Integer.parseInt(args[1]);
        int perBatch = Integer.parseInt(args[2]);
        List<ReceivedBatch> work = workload(gateways, batches, perBatch);
        for (int round = 0; round < 2; round++) {
            report("without rollups", run(work, RollupSink.NONE), batches * perBatch);
            report("with rollups   ", run(work, new SqliteRollups(RollupSettings.defaults())), batches * perBatch);
        }
    }

    /** Each gateway sends its sensors' temperatures at 1 Hz, perBatch readings per batch, round-robin over gateways. */
    static List<ReceivedBatch> workload(int gateways, int batches, int perBatch) {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        long[] nextSecond = new long[gateways];
        List<ReceivedBatch> work = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            int g = b % gateways;
            List<Reading> readings = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch; i++) {
                int sensor = i % SENSORS;
                if (sensor == 0 && i > 0) {
                    nextSecond[g]++;
                }
                readings.add(Reading.of("s" + sensor, ReadingKind.TEMPERATURE, (b + i) % 80 / 10.0,
                        start.plusSeconds(nextSecond[g])));
            }
            nextSecond[g]++;
            work.add(new ReceivedBatch(TelemetryBatch.of("gw-" + g, b / gateways + 1, readings), start));
        }
        return work;
    }

    static long run(List<ReceivedBatch> work, RollupSink sink) throws Exception {
        Path dir = Files.createTempDirectory("rollup-bench");
        try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("readings.db"), sink)) {
            long t0 = System.nanoTime();
            List<Future<?>> window = new ArrayList<>();
            for (ReceivedBatch batch : work) {
                window.add(store.store(batch));
                if (window.size() == IN_FLIGHT) {
                    for (Future<?> f : window) {
                        f.toCompletionStage().toCompletableFuture().get();
                    }
                    window.clear();
                }
            }
            for (Future<?> f : window) {
                f.toCompletionStage().toCompletableFuture().get();
            }
            return System.nanoTime() - t0;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void report(String label, long nanos, long readings) {
        System.out.printf("%s: %,d readings in %.2f s = %,.0f readings/s%n", label, readings, nanos / 1e9,
                readings / (nanos / 1e9));
    }
}
