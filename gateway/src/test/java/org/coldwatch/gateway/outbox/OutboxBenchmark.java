package org.coldwatch.gateway.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;

/**
 * Outbox figures for docs/benchmarks.md (a main, not a test: no test asserts timings). Prints the sustained append
 * rate with one reading and with 32 readings (one sampling round) per transaction, and the file size of 30 days of
 * 32 sensors at 1/min. Argument: a scratch folder on the disk to measure.
 */
public final class OutboxBenchmark {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final int SENSORS = 32;

    private OutboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/outbox-bench"));
        writeRate(dir, 1, 3_000);
        writeRate(dir, SENSORS, 2_000);
        thirtyDays(dir);
    }

    private static void writeRate(Path dir, int perTransaction, int transactions) throws Exception {
        Path file = fresh(dir, "rate-" + perTransaction + ".db");
        try (SqliteOutbox outbox = SqliteOutbox.open(file, "gw-bench", 500, Clock.systemUTC())) {
            int warmup = transactions / 10;
            long minute = 0;
            long start = 0;
            for (int t = -warmup; t < transactions; t++) {
                if (t == 0) {
                    start = System.nanoTime();
                }
                outbox.append(round(minute++, perTransaction));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "append %d reading(s)/transaction: %d transactions in %.2f s = %.0f"
                    + " transactions/s = %.0f readings/s%n", perTransaction, transactions, seconds,
                    transactions / seconds, transactions * perTransaction / seconds);
        }
    }

    private static void thirtyDays(Path dir) throws Exception {
        Path file = fresh(dir, "thirty-days.db");
        long readings = 0;
        long start = System.nanoTime();
        try (SqliteOutbox outbox = SqliteOutbox.open(file, "gw-bench", 500, Clock.systemUTC())) {
            for (long hour = 0; hour < 30 * 24; hour++) {
                List<Reading> chunk = new ArrayList<>(60 * SENSORS);
                for (long m = hour * 60; m < hour * 60 + 60; m++) {
                    chunk.addAll(round(m, SENSORS));
                }
                outbox.append(chunk);
                readings += chunk.size();
            }
            long used = outbox.usedBytes();
            System.out.printf(Locale.ROOT, "30 days x %d sensors x 1/min: %d readings, %.1f MB of pages in use"
                    + " (%.1f B/reading), written in %.1f s%n", SENSORS, readings, used / 1e6,
                    (double) used / readings, (System.nanoTime() - start) / 1e9);
        }
        long fileBytes = Files.size(file);
        Path wal = Path.of(file + "-wal");
        long walBytes = Files.exists(wal) ? Files.size(wal) : 0;
        System.out.printf(Locale.ROOT, "30 days on disk after close: %.1f MB file + %.1f MB WAL%n", fileBytes / 1e6,
                walBytes / 1e6);
    }

    /** Sampling round {@code minute}: {@code sensors} temperatures with slowly varying values. */
    private static List<Reading> round(long minute, int sensors) {
        List<Reading> list = new ArrayList<>(sensors);
        Instant at = T0.plus(Duration.ofMinutes(minute));
        for (int s = 0; s < sensors; s++) {
            list.add(Reading.of("room-" + (s / 8) + ".probe-" + (s % 8), ReadingKind.TEMPERATURE,
                    Math.round((-18.0 + Math.sin((minute + s * 7) / 90.0) * 2.5) * 100) / 100.0, at));
        }
        return list;
    }

    private static Path fresh(Path dir, String name) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(dir.resolve(name + suffix));
        }
        return dir.resolve(name);
    }
}
