package org.coldwatch.server.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TimeQuality;
import org.coldwatch.server.storage.ReadingStore;
import org.coldwatch.server.storage.ReceivedBatch;
import org.coldwatch.server.storage.StoreOutcome;
import org.junit.jupiter.api.Test;

/**
 * The proof, for every store that keeps rollups: rollups kept at ingest equal a brute-force computation over the
 * raw readings, with late, backfilled and out-of-order readings, readings at 23:59:59.999 and 00:00:00.000 local
 * time, a daylight-saving zone, and batches delivered twice.
 */
abstract class RollupsContract {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final RollupSettings SETTINGS = RollupSettings.defaults();
    static final long CAP_MS = SETTINGS.maxInterval().toMillis();
    static final String GATEWAY = "gw-1";
    static final List<String> SENSORS = List.of("air", "door-side");
    static final Instant RECEIVED = Instant.parse("2026-12-06T00:00:00Z");

    /** A store with rollups in a place of its own called {@code name}. */
    abstract ReadingStore openStore(String name, RollupSettings settings) throws Exception;

    /** The rollups of the store called {@code name}. */
    abstract RollupQueries openQueries(String name, RollupSettings settings) throws Exception;

    /**
     * Whether two readings of one series at the same millisecond are kept apart. InfluxDB keeps one point per series
     * and time (InfluxReadingStore's Javadoc), so the data for it has none.
     */
    boolean keepsReadingsOfOneSeriesAtTheSameMillisecond() {
        return true;
    }

    /** A stored reading with its storage order (seq, idx), as the brute force sees it. */
    record Raw(String sensorId, ReadingKind kind, Instant at, double value, long seq, int idx) {
    }

    static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void rollupsKeptAtIngestEqualBruteForceDespiteLateDataAndDuplicates() throws Exception {
        List<Instant> midnights = List.of(local("2026-12-03T00:00:00"), local("2026-12-04T00:00:00"),
                local("2026-12-05T00:00:00"));
        for (long seed = 1; seed <= 2; seed++) {
            checkAgainstBruteForce("shanghai-" + seed, SETTINGS, midnights, seed);
        }
    }

    @Test
    void rollupsFollowLocalHoursAndDaysAcrossBothDaylightSavingChanges() throws Exception {
        RollupSettings berlin = new RollupSettings(BERLIN, SETTINGS.maxInterval(), SETTINGS.targets());
        List<Instant> changes = List.of(Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
                LocalDateTime.parse("2026-10-25T00:00:00").atZone(BERLIN).toInstant());
        checkAgainstBruteForce("berlin", berlin, changes, 7);
    }

    private void checkAgainstBruteForce(String name, RollupSettings settings, List<Instant> centres, long seed)
            throws Exception {
        Random random = new Random(seed);
        List<TelemetryBatch> batches = randomBatches(random, centres);
        List<TelemetryBatch> sendOrder = new ArrayList<>(batches);
        Collections.shuffle(sendOrder, random); // late and backfilled data: any order
        for (int i = 0; i < batches.size() / 5; i++) { // duplicates: resent after a lost acknowledgement
            sendOrder.add(random.nextInt(sendOrder.size()), batches.get(random.nextInt(batches.size())));
        }
        long duplicates = 0;
        try (ReadingStore store = openStore(name, settings)) {
            for (int from = 0; from < sendOrder.size(); from += 7) { // several batches per commit group
                duplicates += storeAll(store, sendOrder.subList(from, Math.min(from + 7, sendOrder.size())));
            }
        }
        assertThat(duplicates).isEqualTo(sendOrder.size() - batches.size());

        List<Raw> raw = rawReadings(batches);
        try (RollupQueries queries = openQueries(name, settings)) {
            Map<Resolution, Map<String, RollupStats>> before = new TreeMap<>();
            for (Resolution resolution : Resolution.values()) {
                before.put(resolution, stored(queries, resolution));
                assertThat(before.get(resolution)).as("%s buckets of %s", resolution.label(), name)
                        .isEqualTo(bruteForce(raw, resolution, settings.zone())).isNotEmpty();
            }
            try (ReadingStore store = openStore(name, settings)) { // a redelivery after a restart changes nothing
                assertThat(storeAll(store, batches.subList(0, 10))).isEqualTo(10);
            }
            for (Resolution resolution : Resolution.values()) {
                assertThat(stored(queries, resolution)).as("%s after redelivery", resolution.label())
                        .isEqualTo(before.get(resolution));
            }
        }
    }

    /** Live data: every batch newer than everything before it, gaps both shorter and longer than the cap. */
    @Test
    void liveReadingsArrivingInOrderEqualBruteForce() throws Exception {
        Random random = new Random(5);
        List<TelemetryBatch> batches = new ArrayList<>();
        Instant at = local("2026-12-03T22:30:00");
        long seq = 1;
        while (at.isBefore(local("2026-12-04T01:30:00"))) {
            List<Reading> readings = new ArrayList<>();
            for (int i = random.nextInt(6); i >= 0; i--) {
                at = at.plusMillis(1 + random.nextInt(random.nextInt(10) == 0 ? 200_000 : 30_000));
                ReadingKind kind = random.nextBoolean() ? ReadingKind.TEMPERATURE : ReadingKind.HUMIDITY;
                double value = kind == ReadingKind.TEMPERATURE ? random.nextInt(48) / 8.0 - 1 : 88 + random.nextInt(64) / 8.0;
                readings.add(Reading.of(SENSORS.get(random.nextInt(SENSORS.size())), kind, value, at));
            }
            batches.add(TelemetryBatch.of(GATEWAY, seq++, readings));
        }
        try (ReadingStore store = openStore("live", SETTINGS)) {
            for (int from = 0; from < batches.size(); ) { // one batch or a few per commit group
                int to = Math.min(batches.size(), from + 1 + (random.nextInt(4) == 0 ? random.nextInt(4) : 0));
                assertThat(storeAll(store, batches.subList(from, to))).isZero();
                from = to;
            }
        }
        try (RollupQueries queries = openQueries("live", SETTINGS)) {
            for (Resolution resolution : Resolution.values()) {
                assertThat(stored(queries, resolution)).as("%s buckets", resolution.label())
                        .isEqualTo(bruteForce(rawReadings(batches), resolution, SHANGHAI)).isNotEmpty();
            }
        }
    }

    @Test
    void aLateReadingBetweenTwoStoredOnesShortensItsPredecessorsIntervalInAnEarlierMinute() throws Exception {
        Instant first = local("2026-12-03T23:59:50");
        try (ReadingStore store = openStore("late", SETTINGS)) {
            await(store.store(batch(1, first, 3.0)));
            await(store.store(batch(2, first.plusSeconds(40), 3.0)));
            await(store.store(batch(3, first.plusSeconds(15), 8.0))); // late, in the next minute and day
        }
        try (RollupQueries queries = openQueries("late", SETTINGS)) {
            List<Rollup> days = queries.rollups(GATEWAY, Optional.of("air"), Optional.of(ReadingKind.TEMPERATURE),
                    Resolution.DAY, local("2026-12-03T00:00:00"), local("2026-12-05T00:00:00"), 10);
            assertThat(days).extracting(d -> d.start().toLocalDateTime().toString())
                    .containsExactly("2026-12-03T00:00", "2026-12-04T00:00");
            assertThat(days.get(0).stats()).isEqualTo(new RollupStats(1, 3.0, 3.0, 3.0, 15_000, 15_000));
            assertThat(days.get(1).stats()).isEqualTo(new RollupStats(2, 11.0, 3.0, 8.0, 25_000 + CAP_MS, CAP_MS));
        }
    }

    @Test
    void aDayKeepsTheHoursOfASeriesThatGotNothingNewInThemWhileAnotherSeriesDid() throws Exception {
        try (ReadingStore store = openStore("other-hour", SETTINGS)) {
            await(store.store(batch(1, local("2026-12-03T10:10:00"), 2.0)));
            await(store.store(new ReceivedBatch(TelemetryBatch.of(GATEWAY, 2, List.of(
                    Reading.of("door-side", ReadingKind.TEMPERATURE, 3.0, local("2026-12-03T10:50:00")),
                    Reading.of("air", ReadingKind.TEMPERATURE, 5.0, local("2026-12-03T11:30:00")))), RECEIVED)));
        }
        try (RollupQueries queries = openQueries("other-hour", SETTINGS)) {
            assertThat(queries.rollups(GATEWAY, Optional.of("air"), Optional.empty(), Resolution.DAY, Instant.EPOCH,
                    local("2026-12-04T00:00:00"), 10)).singleElement().extracting(Rollup::stats)
                    .isEqualTo(new RollupStats(2, 7.0, 2.0, 5.0, 2 * CAP_MS, CAP_MS));
            assertThat(queries.rollups(GATEWAY, Optional.of("air"), Optional.empty(), Resolution.HOUR, Instant.EPOCH,
                    local("2026-12-04T00:00:00"), 10)).extracting(r -> r.stats().count()).containsExactly(1L, 1L);
        }
    }

    @Test
    void unsyncedReadingsStayOutOfTheRollupsAndDoNotShortenTheirNeighboursIntervals() throws Exception {
        Instant at = local("2026-12-03T10:00:00");
        try (ReadingStore store = openStore("unsynced", SETTINGS)) {
            await(store.store(batch(1, at, 2.0)));
            await(store.store(new ReceivedBatch(TelemetryBatch.of(GATEWAY, 2, List.of(
                    Reading.of("air", ReadingKind.TEMPERATURE, 9.0, at.plusSeconds(5))
                            .withTimeQuality(TimeQuality.UNSYNCED))), RECEIVED)));
        }
        try (RollupQueries queries = openQueries("unsynced", SETTINGS)) {
            for (Resolution resolution : Resolution.values()) {
                assertThat(queries.rollups(GATEWAY, Optional.empty(), Optional.empty(), resolution, Instant.EPOCH,
                        at.plusSeconds(86_400), 10)).as(resolution.label()).singleElement()
                        .extracting(Rollup::stats).isEqualTo(new RollupStats(1, 2.0, 2.0, 2.0, CAP_MS, CAP_MS));
            }
        }
    }

    /** Stores these batches concurrently (one commit group or a few); returns how many were duplicates. */
    static long storeAll(ReadingStore store, List<TelemetryBatch> batches) throws Exception {
        List<Future<StoreOutcome>> pending = new ArrayList<>();
        for (TelemetryBatch b : batches) {
            pending.add(store.store(new ReceivedBatch(b, RECEIVED)));
        }
        long duplicates = 0;
        for (Future<StoreOutcome> f : pending) {
            duplicates += await(f) == StoreOutcome.DUPLICATE ? 1 : 0;
        }
        return duplicates;
    }

    static ReceivedBatch batch(long seq, Instant at, double celsius) {
        return new ReceivedBatch(TelemetryBatch.of(GATEWAY, seq,
                List.of(Reading.of("air", ReadingKind.TEMPERATURE, celsius, at))), RECEIVED);
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** Readings of two sensors × two kinds dense around these instants (±15 min), plus exact day boundaries. */
    List<TelemetryBatch> randomBatches(Random random, List<Instant> centres) {
        List<Reading> readings = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        while (readings.size() < 1_500) {
            Instant centre = centres.get(random.nextInt(centres.size()));
            Instant at = centre.plusMillis((long) (random.nextGaussian() * 900_000));
            ReadingKind kind = random.nextBoolean() ? ReadingKind.TEMPERATURE : ReadingKind.HUMIDITY;
            double value = kind == ReadingKind.TEMPERATURE ? random.nextInt(64) / 8.0 - 2 : 85 + random.nextInt(96) / 8.0;
            String sensor = SENSORS.get(random.nextInt(SENSORS.size()));
            if (keepsReadingsOfOneSeriesAtTheSameMillisecond() || taken.add(sensor + kind + at.toEpochMilli())) {
                readings.add(Reading.of(sensor, kind, value, at));
            }
        }
        readings.add(Reading.of("air", ReadingKind.TEMPERATURE, 2.0, local("2026-12-03T23:59:59.999")));
        readings.add(Reading.of("air", ReadingKind.TEMPERATURE, 6.0, local("2026-12-04T00:00:00")));
        if (keepsReadingsOfOneSeriesAtTheSameMillisecond()) {
            readings.add(Reading.of("air", ReadingKind.TEMPERATURE, 1.0, local("2026-12-04T00:00:00"))); // a tie
        }
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

    /** Every stored bucket of the gateway, by "sensor/kind/start with offset". */
    static Map<String, RollupStats> stored(RollupQueries queries, Resolution resolution) {
        Map<String, RollupStats> actual = new TreeMap<>();
        for (Rollup r : queries.rollups(GATEWAY, Optional.empty(), Optional.empty(), resolution, Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"), 1_000_000)) {
            assertThat(actual.put(r.series().sensorId() + "/" + r.series().kind().wireName() + "/" + r.start(),
                    r.stats())).as("bucket %s listed once", r.start()).isNull();
        }
        return actual;
    }

    /**
     * The rule written out directly over every reading: capped interval to the next one of its series, in the
     * bucket its local wall-clock time falls into (the repeated hour of a DST change is two buckets, by offset).
     */
    static Map<String, RollupStats> bruteForce(List<Raw> raw, Resolution resolution, ZoneId zone) {
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
            ZonedDateTime local = r.at().atZone(zone);
            ZonedDateTime start = switch (resolution) {
                case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES);
                case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
                case DAY -> local.toLocalDate().atStartOfDay(zone);
            };
            String label = r.sensorId() + "/" + r.kind().wireName() + "/" + start.toOffsetDateTime();
            RollupStats one = new RollupStats(1, r.value(), r.value(), r.value(), interval, inRange ? interval : 0);
            result.merge(label, one, RollupStats::merge);
        }
        return result;
    }
}
