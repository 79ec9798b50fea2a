package org.coldwatch.server.rollups;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The append-only fast path of the rollups (pure): what new readings of one series add to its minutes when every one
 * of them is later than the series' newest stored reading (live data, in order; also a backfill sent oldest first).
 *
 * <p>Then nothing stored changes but the newest reading's interval: it stood for the full cap (no successor) and now
 * stands for the gap to the first new reading, capped. So the gains are that difference in the newest reading's
 * minute, plus each new reading with its own interval (to the next new one; the last one the full cap). They are
 * exact to add to the minute, hour and day buckets, because readings are only ever added. Anything else (a reading
 * at or before the newest stored one, or two new ones at the same millisecond, whose order is the storage order) is
 * not handled here: {@link #append} answers empty and the caller recomputes the minutes from the raw readings.
 */
final class SeriesTail {

    /** The newest rolled-up reading of a series (the last in storage order at the newest time). */
    record Point(long measuredMs, double value) {
    }

    /**
     * What new readings add.
     *
     * @param minutes gains per minute bucket start
     * @param newest  the series' newest reading afterwards
     */
    record Gains(SortedMap<Instant, RollupStats> minutes, Point newest) {
    }

    private SeriesTail() {
    }

    /**
     * The gains of {@code fresh} after {@code newest}, or empty if the fast path does not apply.
     *
     * @param fresh the new readings of the series, in any order
     */
    static Optional<Gains> append(Point newest, List<SeriesPoint> fresh, ZoneId zone, long capMs,
                                  Optional<TargetRange> target) {
        List<SeriesPoint> sorted = new ArrayList<>(fresh);
        sorted.sort(Comparator.comparing(SeriesPoint::measuredAt));
        long previousMs = newest.measuredMs();
        for (SeriesPoint p : sorted) {
            if (p.measuredAt().toEpochMilli() <= previousMs) {
                return Optional.empty();
            }
            previousMs = p.measuredAt().toEpochMilli();
        }
        SortedMap<Instant, RollupStats> minutes = new TreeMap<>();
        long shortened = Math.min(sorted.get(0).measuredAt().toEpochMilli() - newest.measuredMs(), capMs) - capMs;
        if (shortened != 0) {
            boolean inRange = target.map(t -> t.contains(newest.value())).orElse(false);
            RollupStats change = new RollupStats(0, 0.0, RollupStats.EMPTY.min(), RollupStats.EMPTY.max(), shortened,
                    inRange ? shortened : 0);
            minutes.merge(minuteOf(newest.measuredMs(), zone), change, RollupStats::merge);
        }
        SortedMap<Instant, RollupStats> added = RollupCalculator.buckets(sorted, Optional.empty(), Resolution.MINUTE,
                zone, capMs, target);
        added.forEach((minute, stats) -> minutes.merge(minute, stats, RollupStats::merge));
        SeriesPoint last = sorted.get(sorted.size() - 1);
        return Optional.of(new Gains(minutes, new Point(last.measuredAt().toEpochMilli(), last.value())));
    }

    private static Instant minuteOf(long ms, ZoneId zone) {
        return Resolution.MINUTE.bucketStart(Instant.ofEpochMilli(ms), zone).toInstant();
    }
}
