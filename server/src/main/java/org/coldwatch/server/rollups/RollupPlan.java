package org.coldwatch.server.rollups;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TimeQuality;

/**
 * Which buckets a group of new readings changes, as time ranges, for a store that recomputes rollups from what it
 * holds (pure; used by {@link InfluxRollups}).
 *
 * <p>A new reading at {@code t} changes its minute and every minute holding a reading that may now have it as
 * successor, i.e. the minutes from the one containing {@code t − maxInterval} up to its own
 * ({@link RollupCalculator}). Those ranges, merged over all new readings of the group, are the {@link #minutes}:
 * every minute of every series in them is recomputed from the raw readings (unchanged ones come out as they were).
 * The hours touching them are recomputed from those fresh minutes plus the stored minutes in {@link #minuteGaps}
 * (the rest of those hours), and the days touching the hours from the fresh hours plus the stored hours in
 * {@link #hourGaps}. Each gap lies within one hour (one day), so its aggregate belongs to exactly one bucket.
 *
 * @param minutes    disjoint minute-aligned ranges to recompute from raw readings, in order
 * @param minuteGaps the parts of the touched hours outside {@code minutes}, in order
 * @param hourGaps   the parts of the touched days outside the touched hours, in order
 */
public record RollupPlan(List<Range> minutes, List<Range> minuteGaps, List<Range> hourGaps) {

    /** The instants {@code [start, end)}. */
    public record Range(Instant start, Instant end) {
        public Range {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("empty range " + start + " .. " + end);
            }
        }
    }

    /** The plan for these new batches; unsynced readings change no bucket (they are not rolled up). */
    public static RollupPlan of(List<TelemetryBatch> batches, ZoneId zone, long maxIntervalMillis) {
        List<Range> changed = new ArrayList<>();
        for (TelemetryBatch batch : batches) {
            for (Reading r : batch.readings()) {
                if (r.timeQuality() != TimeQuality.UNSYNCED) {
                    Instant start = Resolution.MINUTE.bucketStart(r.measuredAt().minusMillis(maxIntervalMillis),
                            zone).toInstant();
                    changed.add(new Range(start, end(Resolution.MINUTE, r.measuredAt(), zone)));
                }
            }
        }
        List<Range> minutes = merge(changed, false);
        List<Range> hours = merge(widen(minutes, Resolution.HOUR, zone), true);
        List<Range> days = merge(widen(hours, Resolution.DAY, zone), true);
        return new RollupPlan(minutes, gaps(hours, minutes), gaps(days, hours));
    }

    /** Whether nothing is to be recomputed. */
    public boolean isEmpty() {
        return minutes.isEmpty();
    }

    /** The end of the {@code resolution} bucket containing {@code at}. */
    private static Instant end(Resolution resolution, Instant at, ZoneId zone) {
        return resolution.nextBucketStart(resolution.bucketStart(at, zone)).toInstant();
    }

    /** Each range widened to whole buckets of {@code coarser}. */
    private static List<Range> widen(List<Range> ranges, Resolution coarser, ZoneId zone) {
        List<Range> wide = new ArrayList<>(ranges.size());
        for (Range r : ranges) {
            wide.add(new Range(coarser.bucketStart(r.start(), zone).toInstant(),
                    end(coarser, r.end().minusMillis(1), zone)));
        }
        return wide;
    }

    /**
     * Overlapping ranges merged; touching ones too unless {@code onlyOverlapping} (whole buckets that merely touch
     * share no bucket, and keeping them apart keeps the gaps within one bucket each).
     */
    static List<Range> merge(List<Range> ranges, boolean onlyOverlapping) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(Range::start));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            boolean joins = last != null && (onlyOverlapping ? r.start().isBefore(last.end())
                    : !r.start().isAfter(last.end()));
            if (joins) {
                merged.set(merged.size() - 1, new Range(last.start(),
                        r.end().isAfter(last.end()) ? r.end() : last.end()));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }

    /** The parts of the {@code outer} ranges not covered by the {@code inner} ones (each inner lies in an outer). */
    static List<Range> gaps(List<Range> outer, List<Range> inner) {
        List<Range> gaps = new ArrayList<>();
        int i = 0;
        for (Range o : outer) {
            Instant cursor = o.start();
            while (i < inner.size() && inner.get(i).start().isBefore(o.end())) {
                Range in = inner.get(i++);
                if (cursor.isBefore(in.start())) {
                    gaps.add(new Range(cursor, in.start()));
                }
                cursor = in.end();
            }
            if (cursor.isBefore(o.end())) {
                gaps.add(new Range(cursor, o.end()));
            }
        }
        return gaps;
    }
}
