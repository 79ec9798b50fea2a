package org.coldwatch.server.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RollupCalculatorTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final long CAP_MS = 60_000;
    static final Optional<TargetRange> ZERO_TO_FOUR = Optional.of(new TargetRange(0.0, 4.0));

    static Instant local(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void eachReadingRepresentsTheTimeUntilTheNextCappedAndTheNewestTheCap() {
        Instant t0 = local("2026-12-03T10:00:00", SHANGHAI);
        List<SeriesPoint> points = List.of(new SeriesPoint(t0, 3.0), new SeriesPoint(t0.plusSeconds(10), 5.0),
                new SeriesPoint(t0.plusSeconds(100), 2.0));

        SortedMap<Instant, RollupStats> hours = RollupCalculator.buckets(points, Optional.empty(), Resolution.HOUR,
                SHANGHAI, CAP_MS, ZERO_TO_FOUR);

        assertThat(hours).containsOnlyKeys(t0);
        RollupStats hour = hours.get(t0);
        assertThat(hour.count()).isEqualTo(3);
        assertThat(hour.min()).isEqualTo(2.0);
        assertThat(hour.max()).isEqualTo(5.0);
        assertThat(hour.mean()).isEqualTo(10.0 / 3);
        assertThat(hour.coveredMillis()).isEqualTo(10_000 + 60_000 + 60_000);
        assertThat(hour.inRangeMillis()).isEqualTo(10_000 + 60_000);
    }

    @Test
    void aKnownSuccessorShortensTheNewestReadingsInterval() {
        Instant t0 = local("2026-12-03T10:00:00", SHANGHAI);

        RollupStats minute = RollupCalculator.buckets(List.of(new SeriesPoint(t0, 1.0)),
                Optional.of(t0.plusSeconds(15)), Resolution.MINUTE, SHANGHAI, CAP_MS, ZERO_TO_FOUR).get(t0);

        assertThat(minute.coveredMillis()).isEqualTo(15_000);
        assertThat(minute.inRangeMillis()).isEqualTo(15_000);
    }

    @Test
    void aReadingAtOneMillisecondToMidnightBelongsToThatDayAndMidnightToTheNext() {
        Instant lastOfDay = local("2026-12-03T23:59:59.999", SHANGHAI);
        Instant midnight = local("2026-12-04T00:00:00", SHANGHAI);

        SortedMap<Instant, RollupStats> days = RollupCalculator.buckets(
                List.of(new SeriesPoint(lastOfDay, 3.0), new SeriesPoint(midnight, 7.0)), Optional.empty(),
                Resolution.DAY, SHANGHAI, CAP_MS, ZERO_TO_FOUR);

        assertThat(days).containsOnlyKeys(local("2026-12-03T00:00:00", SHANGHAI), midnight);
        assertThat(days.get(local("2026-12-03T00:00:00", SHANGHAI))).isEqualTo(new RollupStats(1, 3.0, 3.0, 3.0, 1, 1));
        assertThat(days.get(midnight)).isEqualTo(new RollupStats(1, 7.0, 7.0, 7.0, CAP_MS, 0));
    }

    @Test
    void localDaysAndHoursStayCorrectAcrossDaylightSavingChanges() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime springDay = Resolution.DAY.bucketStart(local("2026-03-29T12:00:00", berlin), berlin);
        assertThat(Duration.between(springDay, Resolution.DAY.nextBucketStart(springDay))).hasHours(23);

        // 2026-10-25 02:30 happens twice in Berlin: two distinct hour buckets
        Instant firstPass = Instant.parse("2026-10-25T00:30:00Z");
        Instant secondPass = Instant.parse("2026-10-25T01:30:00Z");
        ZonedDateTime first = Resolution.HOUR.bucketStart(firstPass, berlin);
        ZonedDateTime second = Resolution.HOUR.bucketStart(secondPass, berlin);
        assertThat(first.toLocalDateTime()).isEqualTo(second.toLocalDateTime());
        assertThat(first.toInstant()).isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
        assertThat(second.toInstant()).isEqualTo(Instant.parse("2026-10-25T01:00:00Z"));
        assertThat(Resolution.HOUR.nextBucketStart(first)).isEqualTo(second);
        ZonedDateTime autumnDay = Resolution.DAY.bucketStart(firstPass, berlin);
        assertThat(Duration.between(autumnDay, Resolution.DAY.nextBucketStart(autumnDay))).hasHours(25);
    }

    @Test
    void mergingIsAssociativeAndCommutative() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            RollupStats a = randomStats(random);
            RollupStats b = randomStats(random);
            RollupStats c = randomStats(random);
            assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
            assertThat(a.merge(b)).isEqualTo(b.merge(a));
            assertThat(a.merge(RollupStats.EMPTY)).isEqualTo(a);
        }
    }

    @Test
    void whatABucketGainedMergedIntoItsOldSelfGivesItsNewSelf() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            RollupStats before = randomStats(random);
            RollupStats after = before.merge(randomStats(random));
            assertThat(before.merge(after.gainedSince(before))).isEqualTo(after);
            assertThat(RollupStats.EMPTY.merge(after.gainedSince(RollupStats.EMPTY))).isEqualTo(after);
        }
    }

    private static RollupStats randomStats(Random random) {
        RollupStats stats = RollupStats.EMPTY;
        for (int i = random.nextInt(4); i >= 0; i--) {
            stats = stats.merge(RollupStats.of(eighths(random), random.nextInt(60_000), random.nextBoolean()));
        }
        return stats;
    }

    /** Values on a 1/8 grid add up exactly in any order, so equality needs no tolerance. */
    static double eighths(Random random) {
        return (random.nextInt(160) - 40) / 8.0;
    }

    @Test
    void minutesCoarsenedToHoursAndDaysEqualABruteForceComputationInLocalTime() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            List<SeriesPoint> points = randomSeries(random);
            SortedMap<Instant, RollupStats> minutes = RollupCalculator.buckets(points, Optional.empty(),
                    Resolution.MINUTE, SHANGHAI, CAP_MS, ZERO_TO_FOUR);
            SortedMap<Instant, RollupStats> hours = RollupCalculator.coarsen(minutes, Resolution.HOUR, SHANGHAI);
            SortedMap<Instant, RollupStats> days = RollupCalculator.coarsen(hours, Resolution.DAY, SHANGHAI);

            assertThat(byLocalLabel(minutes)).as("minutes, seed %d", seed)
                    .isEqualTo(bruteForce(points, t -> t.truncatedTo(ChronoUnit.MINUTES).toString()));
            assertThat(byLocalLabel(hours)).as("hours, seed %d", seed)
                    .isEqualTo(bruteForce(points, t -> t.truncatedTo(ChronoUnit.HOURS).toString()));
            assertThat(byLocalLabel(days)).as("days, seed %d", seed)
                    .isEqualTo(bruteForce(points, t -> t.toLocalDate().atStartOfDay().toString()));
        }
    }

    /** Readings over three local days, clustered around the midnights, with ties and exact boundary times. */
    static List<SeriesPoint> randomSeries(Random random) {
        List<SeriesPoint> points = new ArrayList<>();
        Instant firstMidnight = local("2026-12-03T00:00:00", SHANGHAI);
        for (int i = 0; i < 400; i++) {
            Instant midnight = firstMidnight.plus(Duration.ofDays(random.nextInt(3)));
            long offsetMs = (long) (random.nextGaussian() * 600_000);
            points.add(new SeriesPoint(midnight.plusMillis(offsetMs), eighths(random)));
        }
        points.add(new SeriesPoint(local("2026-12-03T23:59:59.999", SHANGHAI), 2.0));
        points.add(new SeriesPoint(local("2026-12-04T00:00:00", SHANGHAI), 5.0));
        points.add(new SeriesPoint(local("2026-12-04T00:00:00", SHANGHAI), 1.0));
        points.sort(Comparator.comparing(SeriesPoint::measuredAt));
        return points;
    }

    static Map<String, RollupStats> byLocalLabel(Map<Instant, RollupStats> buckets) {
        Map<String, RollupStats> result = new TreeMap<>();
        buckets.forEach((start, stats) -> result.put(LocalDateTime.ofInstant(start, SHANGHAI).toString(), stats));
        return result;
    }

    interface Labeller {
        String label(LocalDateTime local);
    }

    /** The rule written out directly: per reading its capped interval, grouped by a local-time label. */
    static Map<String, RollupStats> bruteForce(List<SeriesPoint> sorted, Labeller labeller) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, double[]> values = new TreeMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            SeriesPoint p = sorted.get(i);
            long interval = i + 1 < sorted.size()
                    ? Math.min(sorted.get(i + 1).measuredAt().toEpochMilli() - p.measuredAt().toEpochMilli(), CAP_MS)
                    : CAP_MS;
            String label = labeller.label(LocalDateTime.ofInstant(p.measuredAt(), SHANGHAI));
            long[] c = counts.computeIfAbsent(label, k -> new long[3]);
            double[] v = values.computeIfAbsent(label,
                    k -> new double[] {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
            c[0]++;
            c[1] += interval;
            c[2] += p.value() >= 0.0 && p.value() <= 4.0 ? interval : 0;
            v[0] += p.value();
            v[1] = Math.min(v[1], p.value());
            v[2] = Math.max(v[2], p.value());
        }
        Map<String, RollupStats> result = new TreeMap<>();
        counts.forEach((label, c) -> {
            double[] v = values.get(label);
            result.put(label, new RollupStats(c[0], v[0], v[1], v[2], c[1], c[2]));
        });
        return result;
    }

    @Test
    void localDatesLabelDayBuckets() {
        assertThat(Resolution.DAY.bucketStart(local("2026-12-03T23:59:59.999", SHANGHAI), SHANGHAI).toLocalDate())
                .isEqualTo(LocalDate.of(2026, 12, 3));
    }
}
