package org.coldwatch.server.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TimeQuality;
import org.coldwatch.server.storage.ReceivedBatch;
import org.coldwatch.server.storage.RollupSink;
import org.coldwatch.server.storage.SqliteReadingStore;
import org.coldwatch.server.storage.StoreOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proof: rollups kept at ingest equal a brute-force computation over the raw readings. */
class SqliteRollupsTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final RollupSettings SETTINGS = RollupSettings.defaults();
    static final long CAP_MS = SETTINGS.maxInterval().toMillis();
    static final String GATEWAY = "gw-1";
    static final List<String> SENSORS = List.of("air", "door-side");
    static final Instant RECEIVED = Instant.parse("2026-12-06T00:00:00Z");

    @TempDir
    Path dir;

    /** A stored reading with its storage order (seq, idx), as the brute force sees it. */
    record Raw(String sensorId, ReadingKind kind, Instant at, double value, long seq, int idx) {
    }

    static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void rollupsKeptAtIngestEqualBruteForceDespiteLateDataAndDuplicates() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            List<TelemetryBatch> batches = randomBatches(random);
            List<TelemetryBatch> sendOrder = new ArrayList<>(batches);
            Collections.shuffle(sendOrder, random); // late and backfilled data: any order
            for (int i = 0; i < batches.size() / 5; i++) { // duplicates: resent after a lost acknowledgement
                sendOrder.add(random.nextInt(sendOrder.size()), batches.get(random.nextInt(batches.size())));
            }
            Path file = dir.resolve("readings-" + seed + ".db");
            long duplicates = 0;
            try (SqliteReadingStore store = SqliteReadingStore.open(file, new SqliteRollups(SETTINGS))) {
                for (int from = 0; from < sendOrder.size(); from += 7) { // several batches per commit group
                    List<Future<StoreOutcome>> pending = new ArrayList<>();
                    for (TelemetryBatch b : sendOrder.subList(from, Math.min(from + 7, sendOrder.size()))) {
                        pending.add(store.store(new ReceivedBatch(b, RECEIVED)));
                    }
                    for (Future<StoreOutcome> f : pending) {
                        duplicates += await(f) == StoreOutcome.DUPLICATE ? 1 : 0;
                    }
                }
            }
            assertThat(duplicates).isEqualTo(sendOrder.size() - batches.size());

            List<Raw> raw = rawReadings(batches);
            try (SqliteRollupQueries queries = SqliteRollupQueries.open(file)) {
                assertMatchesBruteForce(queries, raw, Resolution.MINUTE,
                        t -> t.truncatedTo(ChronoUnit.MINUTES), seed);
                assertMatchesBruteForce(queries, raw, Resolution.HOUR, t -> t.truncatedTo(ChronoUnit.HOURS), seed);
                assertMatchesBruteForce(queries, raw, Resolution.DAY, t -> t.toLocalDate().atStartOfDay(), seed);
            }
        }
    }

    @Test
    void aLateReadingBetweenTwoStoredOnesShortensItsPredecessorsIntervalInAnEarlierMinute() throws Exception {
        Path file = dir.resolve("late.db");
        Instant first = local("2026-12-03T23:59:50");
        try (SqliteReadingStore store = SqliteReadingStore.open(file, new SqliteRollups(SETTINGS))) {
            await(store.store(batch(1, first, 3.0)));
            await(store.store(batch(2, first.plusSeconds(40), 3.0)));
            await(store.store(batch(3, first.plusSeconds(15), 8.0))); // late, in the next minute and day
        }
        try (SqliteRollupQueries queries = SqliteRollupQueries.open(file)) {
            List<Rollup> days = queries.rollups(GATEWAY, Optional.of("air"), Optional.of(ReadingKind.TEMPERATURE),
                    Resolution.DAY, local("2026-12-03T00:00:00"), local("2026-12-05T00:00:00"), 10);
            assertThat(days).extracting(d -> d.start().toLocalDateTime().toString())
                    .containsExactly("2026-12-03T00:00", "2026-12-04T00:00");
            assertThat(days.get(0).stats()).isEqualTo(new RollupStats(1, 3.0, 3.0, 3.0, 15_000, 15_000));
            assertThat(days.get(1).stats()).isEqualTo(new RollupStats(2, 11.0, 3.0, 8.0, 25_000 + CAP_MS, CAP_MS));
        }
    }

    @Test
    void aFailedCommitRollsBackTheRollupsWithTheReadingsAndTheRetryCountsThemOnce() throws Exception {
        Path file = dir.resolve("rollback.db");
        SqliteRollups real = new SqliteRollups(SETTINGS);
        AtomicInteger calls = new AtomicInteger();
        RollupSink failingOnce = (tx, stored) -> {
            real.stored(tx, stored); // rollup rows written in the transaction ...
            if (calls.incrementAndGet() == 1) {
                throw new SQLException("disk I/O error (simulated)"); // ... and rolled back with the readings
            }
        };
        Instant at = local("2026-12-03T10:00:00");
        try (SqliteReadingStore store = SqliteReadingStore.open(file, failingOnce)) {
            assertThat(await(store.store(batch(1, at, 2.0)))).isEqualTo(StoreOutcome.STORED);
            assertThat(store.tally(GATEWAY).readings()).isEqualTo(1);
        }
        assertThat(calls).hasValue(2);
        try (SqliteRollupQueries queries = SqliteRollupQueries.open(file)) {
            for (Resolution resolution : Resolution.values()) {
                assertThat(queries.rollups(GATEWAY, Optional.empty(), Optional.empty(), resolution, Instant.EPOCH,
                        at.plusSeconds(86_400), 10)).as(resolution.label()).singleElement()
                        .extracting(r -> r.stats().count()).isEqualTo(1L);
            }
        }
    }

    @Test
    void unsyncedReadingsStayOutOfTheRollupsAndDoNotShortenTheirNeighboursIntervals() throws Exception {
        Path file = dir.resolve("unsynced.db");
        Instant at = local("2026-12-03T10:00:00");
        try (SqliteReadingStore store = SqliteReadingStore.open(file, new SqliteRollups(SETTINGS))) {
            await(store.store(batch(1, at, 2.0)));
            await(store.store(new ReceivedBatch(TelemetryBatch.of(GATEWAY, 2, List.of(
                    Reading.of("air", ReadingKind.TEMPERATURE, 9.0, at.plusSeconds(5))
                            .withTimeQuality(TimeQuality.UNSYNCED))), RECEIVED)));
        }
        try (SqliteRollupQueries queries = SqliteRollupQueries.open(file)) {
            assertThat(queries.rollups(GATEWAY, Optional.empty(), Optional.empty(), Resolution.MINUTE, Instant.EPOCH,
                    at.plusSeconds(86_400), 10)).singleElement().extracting(Rollup::stats)
                    .isEqualTo(new RollupStats(1, 2.0, 2.0, 2.0, CAP_MS, CAP_MS));
        }
    }

    static ReceivedBatch batch(long seq, Instant at, double celsius) {
        return new ReceivedBatch(TelemetryBatch.of(GATEWAY, seq,
                List.of(Reading.of("air", ReadingKind.TEMPERATURE, celsius, at))), RECEIVED);
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Readings of two sensors × two kinds over three local days, dense around midnight, with exact boundaries. */
    static List<TelemetryBatch> randomBatches(Random random) {
        List<Reading> readings = new ArrayList<>();
        Instant firstMidnight = local("2026-12-03T00:00:00");
        for (int i = 0; i < 1_500; i++) {
            Instant midnight = firstMidnight.plus(Duration.ofDays(random.nextInt(3)));
            Instant at = midnight.plusMillis((long) (random.nextGaussian() * 900_000));
            ReadingKind kind = random.nextBoolean() ? ReadingKind.TEMPERATURE : ReadingKind.HUMIDITY;
            double value = kind == ReadingKind.TEMPERATURE ? random.nextInt(64) / 8.0 - 2 : 85 + random.nextInt(96) / 8.0;
            readings.add(Reading.of(SENSORS.get(random.nextInt(SENSORS.size())), kind, value, at));
        }
        readings.add(Reading.of("air", ReadingKind.TEMPERATURE, 2.0, local("2026-12-03T23:59:59.999")));
        readings.add(Reading.of("air", ReadingKind.TEMPERATURE, 6.0, local("2026-12-04T00:00:00")));
        readings.add(Reading.of("air", ReadingKind.TEMPERATURE, 1.0, local("2026-12-04T00:00:00"))); // a tie
        Collections.shuffle(readings, random);
        List<TelemetryBatch> batches = new ArrayList<>();
        long seq = 1;
        for (int from = 0; from < readings.size(); ) {
            int to = Math.min(readings.size(), from + 1 + random.nextInt(20));
            batches.add(TelemetryBatch.of(GATEWAY, seq++, readings.subList(from, to)));
            from = to;
        }
        return batches;
    }

    static List<Raw> rawReadings(List<TelemetryBatch> batches) {
        List<Raw> raw = new ArrayList<>();
        for (TelemetryBatch b : batches) {
            for (int i = 0; i < b.readings().size(); i++) {
                Reading r = b.readings().get(i);
                raw.add(new Raw(r.sensorId(), r.kind(), r.measuredAt(), r.value(), b.seq(), i));
            }
        }
        return raw;
    }

    static void assertMatchesBruteForce(RollupQueries queries, List<Raw> raw, Resolution resolution,
                                        Function<LocalDateTime, LocalDateTime> bucketOf, long seed) {
        List<Rollup> stored = queries.rollups(GATEWAY, Optional.empty(), Optional.empty(), resolution,
                Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 1_000_000);
        Map<String, RollupStats> actual = new TreeMap<>();
        for (Rollup r : stored) {
            actual.put(r.series().sensorId() + "/" + r.series().kind().wireName() + "/" + r.start().toLocalDateTime(),
                    r.stats());
        }
        assertThat(actual).as("%s buckets, seed %d", resolution.label(), seed)
                .isEqualTo(bruteForce(raw, bucketOf)).isNotEmpty();
    }

    /** The rule written out directly over every distinct reading: capped interval to the next one of its series. */
    static Map<String, RollupStats> bruteForce(List<Raw> raw, Function<LocalDateTime, LocalDateTime> bucketOf) {
        List<Raw> sorted = new ArrayList<>(raw);
        sorted.sort(Comparator.comparing(Raw::sensorId).thenComparing(Raw::kind).thenComparing(Raw::at)
                .thenComparingLong(Raw::seq).thenComparingInt(Raw::idx));
        Map<String, RollupStats> result = new TreeMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            Raw r = sorted.get(i);
            boolean hasNext = i + 1 < sorted.size() && sorted.get(i + 1).sensorId().equals(r.sensorId())
                    && sorted.get(i + 1).kind() == r.kind();
            long interval = hasNext
                    ? Math.min(sorted.get(i + 1).at().toEpochMilli() - r.at().toEpochMilli(), CAP_MS) : CAP_MS;
            double low = r.kind() == ReadingKind.TEMPERATURE ? 0.0 : 90.0;
            double high = r.kind() == ReadingKind.TEMPERATURE ? 4.0 : 95.0;
            boolean inRange = r.value() >= low && r.value() <= high;
            String label = r.sensorId() + "/" + r.kind().wireName() + "/"
                    + bucketOf.apply(LocalDateTime.ofInstant(r.at(), SHANGHAI));
            RollupStats one = new RollupStats(1, r.value(), r.value(), r.value(), interval, inRange ? interval : 0);
            result.merge(label, one, RollupStats::merge);
        }
        return result;
    }
}
