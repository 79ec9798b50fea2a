package org.coldwatch.server.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.server.rollups.RollupSettings;
import org.coldwatch.server.rollups.SqliteRollups;

/**
 * Durable ingest into the embedded store against a bare batched SQLite insert of the same rows, same box, same run
 * (docs/benchmarks.md, "Durable ingest into the embedded store"). Not a test: run its {@code main}. Arguments:
 * gateways, batches, readings per batch, rounds (the first round is a warm-up and is printed too).
 *
 * <p>The bare insert is the floor any store pays: the same file layout (the store's own migrations), the same
 * durability (WAL, {@code synchronous=FULL}), the same reading rows in the same batches, one prepared statement with
 * {@code executeBatch} and one transaction per group as large as the largest the store commits at once
 * ({@link #GROUP_BATCHES} batches or {@link #GROUP_READINGS} readings, whichever is reached first). It writes
 * no {@code batch} and no {@code latest} rows and checks no duplicates.
 */
public final class SqliteIngestBench {
    private static final int SENSORS = 5;
    /** Batches in flight: what 100 gateways with {@code --max-inflight 100} keep unanswered in the server runs. */
    private static final int IN_FLIGHT = 10_000;
    /** The store's largest group (SqliteReadingStore): at most this many batches ... */
    private static final int GROUP_BATCHES = 10_000;
    /** ... and this many readings. */
    private static final int GROUP_READINGS = 50_000;

    private SqliteIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int gateways = Integer.parseInt(args[0]);
        int batches = Integer.parseInt(args[1]);
        int perBatch = Integer.parseInt(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        List<ReceivedBatch> work = workload(gateways, batches, perBatch);
        long readings = (long) batches * perBatch;
        for (int round = 1; round <= rounds; round++) {
            double bare = rate(readings, inFreshFile(file -> bareInsert(file, work)));
            double plain = rate(readings, inFreshFile(file -> viaStore(file, work, RollupSink.NONE)));
            double rolled = rate(readings, inFreshFile(file ->
                    viaStore(file, work, new SqliteRollups(RollupSettings.defaults()))));
            System.out.printf("bench: round %d of %d, %,d readings in batches of %d: bare insert %,.0f/s;"
                            + " store without rollups %,.0f/s (%.2f); store with rollups (default) %,.0f/s (%.2f)%n",
                    round, rounds, readings, perBatch, bare, plain, plain / bare, rolled, rolled / bare);
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
                readings.add(Reading.of("temp-" + sensor, ReadingKind.TEMPERATURE, 1.5 + (b + i) % 80 / 100.0,
                        start.plusSeconds(nextSecond[g])));
            }
            nextSecond[g]++;
            work.add(new ReceivedBatch(TelemetryBatch.of("fleet-" + g, b / gateways + 1, readings), start));
        }
        return work;
    }

    private static long bareInsert(Path file, List<ReceivedBatch> work) throws Exception {
        try (Connection c = SqliteFiles.migrateAndOpen(file, "db/readings", SqliteFiles.Durability.FULL);
             PreparedStatement insert = prepareInsert(c)) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            int group = Math.max(1, Math.min(GROUP_BATCHES,
                    GROUP_READINGS / work.get(0).batch().readings().size()));
            for (int from = 0; from < work.size(); from += group) {
                for (ReceivedBatch received : work.subList(from, Math.min(from + group, work.size()))) {
                    TelemetryBatch batch = received.batch();
                    long receivedMs = received.receivedAt().toEpochMilli();
                    for (int i = 0; i < batch.readings().size(); i++) {
                        Reading r = batch.readings().get(i);
                        insert.setString(1, batch.gatewayId());
                        insert.setLong(2, batch.seq());
                        insert.setInt(3, i);
                        insert.setString(4, r.sensorId());
                        insert.setString(5, r.kind().wireName());
                        insert.setDouble(6, r.value());
                        insert.setLong(7, r.measuredAt().toEpochMilli());
                        insert.setLong(8, receivedMs);
                        insert.setString(9, r.timeQuality().wireName());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            return System.nanoTime() - t0;
        }
    }

    private static PreparedStatement prepareInsert(Connection c) throws Exception {
        return c.prepareStatement("INSERT INTO reading (gateway_id, seq, idx, sensor_id, kind, value, measured_ms,"
                + " received_ms, time_quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    private static long viaStore(Path file, List<ReceivedBatch> work, RollupSink sink) throws Exception {
        Semaphore window = new Semaphore(IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(work.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long nanos;
        try (SqliteReadingStore store = SqliteReadingStore.open(file, sink)) {
            long t0 = System.nanoTime();
            for (ReceivedBatch batch : work) {
                window.acquire();
                store.store(batch).onComplete(outcome -> {
                    if (outcome.failed() || outcome.result() != StoreOutcome.STORED) {
                        failure.compareAndSet(null, outcome.failed() ? outcome.cause()
                                : new AssertionError("not stored: " + outcome.result()));
                    }
                    window.release();
                    done.countDown();
                });
            }
            done.await();
            nanos = System.nanoTime() - t0;
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a batch was not stored", failure.get());
        }
        return nanos;
    }

    /** One timed run into a file; returns the nanoseconds its inserts took, opening and migrating left out. */
    private interface Run {
        long into(Path file) throws Exception;
    }

    private static long inFreshFile(Run run) throws Exception {
        Path dir = Files.createTempDirectory("sqlite-ingest-bench");
        try {
            return run.into(dir.resolve("readings.db"));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static double rate(long readings, long nanos) {
        return readings / (nanos / 1e9);
    }
}
