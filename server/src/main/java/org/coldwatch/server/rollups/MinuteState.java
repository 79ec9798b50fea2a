package org.coldwatch.server.rollups;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A stored minute bucket together with what it takes to extend it without its raw readings (pure): the times of its
 * first and last reading, and the last reading's value and interval. Every reading of a minute but the last has its
 * successor in the same minute; so when newer readings arrive, only the last one's interval changes, and the minute
 * can be recomputed from this state alone — by replacing that interval, not by adding a gain, so doing it twice gives
 * the same result.
 *
 * @param stats          the minute's bucket
 * @param firstMs        measurement time of its first reading
 * @param lastMs         measurement time of its last reading
 * @param lastValue      the last reading's value
 * @param lastIntervalMs the time the last reading stands for (capped interval to its successor)
 */
record MinuteState(RollupStats stats, long firstMs, long lastMs, double lastValue, long lastIntervalMs) {

    /** The minutes of one series' readings in storage order, with the successor of the last one, if any. */
    static SortedMap<Instant, MinuteState> fromReadings(List<SeriesPoint> sorted, Optional<Instant> successor,
                                                        ZoneId zone, long capMs, Optional<TargetRange> target) {
        SortedMap<Instant, RollupStats> buckets = RollupCalculator.buckets(sorted, successor, Resolution.MINUTE, zone,
                capMs, target);
        SortedMap<Instant, MinuteState> states = new TreeMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            SeriesPoint p = sorted.get(i);
            Instant minute = Resolution.MINUTE.bucketStart(p.measuredAt(), zone).toInstant();
            Optional<Instant> next = i + 1 < sorted.size() ? Optional.of(sorted.get(i + 1).measuredAt()) : successor;
            long interval = RollupCalculator.intervalMillis(p.measuredAt(), next, capMs);
            MinuteState before = states.get(minute);
            long first = before == null ? p.measuredAt().toEpochMilli() : before.firstMs();
            states.put(minute, new MinuteState(buckets.get(minute), first, p.measuredAt().toEpochMilli(), p.value(),
                    interval));
        }
        return states;
    }

    /**
     * The minutes of {@code window} of one series after new readings that are each later than every stored reading of
     * their minute (live data, in order), from the stored states alone; empty if some new reading is not (a late or
     * re-sent reading), then the minutes must be recomputed from the raw readings.
     *
     * @param stored the stored states of the series from {@code window.start()} to {@code maxInterval} after its end
     * @param fresh  the new readings of the series in the window, by time, one per millisecond
     * @return every minute of the series in the window, changed or not
     */
    static Optional<SortedMap<Instant, MinuteState>> extend(SortedMap<Instant, MinuteState> stored,
                                                            List<SeriesPoint> fresh, RollupPlan.Range window,
                                                            ZoneId zone, long capMs, Optional<TargetRange> target) {
        SortedMap<Instant, List<SeriesPoint>> freshByMinute = new TreeMap<>();
        NavigableSet<Long> readingStarts = new TreeSet<>(); // a reading exists at each; successors are among them
        for (SeriesPoint p : fresh) {
            Instant minute = Resolution.MINUTE.bucketStart(p.measuredAt(), zone).toInstant();
            MinuteState s = stored.get(minute);
            if (s != null && p.measuredAt().toEpochMilli() <= s.lastMs()) {
                return Optional.empty();
            }
            freshByMinute.computeIfAbsent(minute, m -> new ArrayList<>()).add(p);
            readingStarts.add(p.measuredAt().toEpochMilli());
        }
        stored.values().forEach(s -> readingStarts.add(s.firstMs()));
        TreeMap<Instant, MinuteState> minutes = new TreeMap<>();
        for (Map.Entry<Instant, MinuteState> e : stored.subMap(window.start(), window.end()).entrySet()) {
            minutes.put(e.getKey(), e.getValue());
        }
        freshByMinute.keySet().forEach(m -> minutes.putIfAbsent(m, null));
        SortedMap<Instant, MinuteState> result = new TreeMap<>();
        for (Map.Entry<Instant, MinuteState> e : minutes.entrySet()) {
            MinuteState s = e.getValue();
            RollupStats stats = RollupStats.EMPTY;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            double lastValue = Double.NaN;
            if (s != null) {
                long newInterval = interval(s.lastMs(), readingStarts, capMs);
                boolean lastInRange = inRange(s.lastValue(), target);
                RollupStats old = s.stats();
                stats = new RollupStats(old.count(), old.sum(), old.min(), old.max(),
                        old.coveredMillis() - s.lastIntervalMs() + newInterval,
                        old.inRangeMillis() - (lastInRange ? s.lastIntervalMs() : 0) + (lastInRange ? newInterval : 0));
                first = s.firstMs();
                last = s.lastMs();
                lastValue = s.lastValue();
            }
            for (SeriesPoint p : freshByMinute.getOrDefault(e.getKey(), List.of())) {
                long at = p.measuredAt().toEpochMilli();
                stats = stats.merge(RollupStats.of(p.value(), interval(at, readingStarts, capMs),
                        inRange(p.value(), target)));
                first = Math.min(first, at);
                last = at;
                lastValue = p.value();
            }
            result.put(e.getKey(), new MinuteState(stats, first, last, lastValue,
                    interval(last, readingStarts, capMs)));
        }
        return Optional.of(result);
    }

    private static long interval(long at, NavigableSet<Long> readingStarts, long capMs) {
        Long next = readingStarts.higher(at);
        return next == null ? capMs : Math.min(next - at, capMs);
    }

    private static boolean inRange(double value, Optional<TargetRange> target) {
        return target.map(t -> t.contains(value)).orElse(false);
    }
}
