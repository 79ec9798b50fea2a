package org.coldwatch.server.rollups;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Pure rollup arithmetic: buckets of one series from its readings, and wider buckets from narrower ones.
 *
 * <p><b>The time-in-range rule.</b> Order a series' readings by measurement time (ties in storage order: batch
 * sequence number, then position in the batch). Each reading represents the time until the next reading of the same
 * series, capped at {@code maxInterval}; the newest reading (no successor yet) represents {@code maxInterval}. That
 * whole interval is attributed to the bucket that contains the reading (a reading at 23:59:59.999 and its interval
 * belong to that day), so a bucket's {@code coveredMillis} can extend a little past its end and buckets still merge
 * by plain addition. A reading counts as in range when its value lies within the kind's target range, ends
 * included. The share of time in range of any bucket is {@code inRangeMillis / coveredMillis}; a gap longer than the
 * cap (sensor silent) is neither in nor out of range.
 *
 * <p>Because a reading's interval depends on its successor, a late reading changes the bucket of its predecessor
 * too (only if the predecessor lies less than {@code maxInterval} before it); the store recomputes both.
 */
public final class RollupCalculator {

    private RollupCalculator() {
    }

    /**
     * Buckets of one series.
     *
     * @param sorted      readings of the series in storage order (see the class comment)
     * @param successor   measurement time of the first reading after the last of {@code sorted}, if any
     * @param resolution  bucket width
     * @param zone        the store's time zone
     * @param maxIntervalMillis the longest time one reading represents
     * @param target      the series' target range, if any
     * @return the non-empty buckets by start instant
     */
    public static SortedMap<Instant, RollupStats> buckets(List<SeriesPoint> sorted, Optional<Instant> successor,
                                                          Resolution resolution, ZoneId zone, long maxIntervalMillis,
                                                          Optional<TargetRange> target) {
        SortedMap<Instant, RollupStats> buckets = new TreeMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            SeriesPoint point = sorted.get(i);
            Optional<Instant> next = i + 1 < sorted.size() ? Optional.of(sorted.get(i + 1).measuredAt()) : successor;
            long interval = intervalMillis(point.measuredAt(), next, maxIntervalMillis);
            boolean inRange = target.map(t -> t.contains(point.value())).orElse(false);
            Instant start = resolution.bucketStart(point.measuredAt(), zone).toInstant();
            buckets.merge(start, RollupStats.of(point.value(), interval, inRange), RollupStats::merge);
        }
        return buckets;
    }

    /** The time a reading at {@code at} represents, given its successor's time (if any) and the cap. */
    public static long intervalMillis(Instant at, Optional<Instant> next, long maxIntervalMillis) {
        if (next.isEmpty()) {
            return maxIntervalMillis;
        }
        long gap = next.get().toEpochMilli() - at.toEpochMilli();
        if (gap < 0) {
            throw new IllegalArgumentException("readings out of order: " + at + " before " + next.get());
        }
        return Math.min(gap, maxIntervalMillis);
    }

    /** Narrower buckets (by start instant) merged into the {@code coarser} buckets that contain them. */
    public static SortedMap<Instant, RollupStats> coarsen(Map<Instant, RollupStats> finer, Resolution coarser,
                                                          ZoneId zone) {
        SortedMap<Instant, RollupStats> result = new TreeMap<>();
        finer.forEach((start, stats) ->
                result.merge(coarser.bucketStart(start, zone).toInstant(), stats, RollupStats::merge));
        return result;
    }

    /** All of these buckets as one. */
    public static RollupStats mergeAll(Collection<RollupStats> stats) {
        RollupStats result = RollupStats.EMPTY;
        for (RollupStats s : stats) {
            result = result.merge(s);
        }
        return result;
    }
}
