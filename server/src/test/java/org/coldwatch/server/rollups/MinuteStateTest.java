package org.coldwatch.server.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coldwatch.server.rollups.RollupPlan.Range;
import org.junit.jupiter.api.Test;

class MinuteStateTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final long CAP = 60_000;
    static final Optional<TargetRange> TARGET = Optional.of(new TargetRange(0.0, 4.0));

    static Instant local(String text) {
        return LocalDateTime.parse(text).atZone(SHANGHAI).toInstant();
    }

    static SeriesPoint point(String time, double value) {
        return new SeriesPoint(local(time), value);
    }

    static SortedMap<Instant, MinuteState> fromReadings(List<SeriesPoint> points) {
        return MinuteState.fromReadings(points, Optional.empty(), SHANGHAI, CAP, TARGET);
    }

    @Test
    void extendingStoredMinutesWithNewerReadingsGivesWhatRecomputingAllReadingsGives() {
        List<SeriesPoint> old = List.of(point("2026-12-03T10:00:10", 2.0), point("2026-12-03T10:00:50", 9.0));
        List<SeriesPoint> fresh = List.of(point("2026-12-03T10:01:20", 3.0), point("2026-12-03T10:01:30", 1.0));
        Range window = new Range(local("2026-12-03T10:00:00"), local("2026-12-03T10:02:00"));

        Optional<SortedMap<Instant, MinuteState>> extended = MinuteState.extend(fromReadings(old), fresh, window,
                SHANGHAI, CAP, TARGET);

        SortedMap<Instant, MinuteState> all = fromReadings(List.of(old.get(0), old.get(1), fresh.get(0),
                fresh.get(1)));
        assertThat(extended).contains(all);
        assertThat(all.get(local("2026-12-03T10:00:00")).stats())
                .isEqualTo(new RollupStats(2, 11.0, 2.0, 9.0, 40_000 + 30_000, 40_000));
    }

    @Test
    void extendingTwiceWithTheSameReadingsIsRefusedSoTheyAreRecomputedFromRawReadings() {
        List<SeriesPoint> fresh = List.of(point("2026-12-03T10:01:20", 3.0));
        Range window = new Range(local("2026-12-03T10:00:00"), local("2026-12-03T10:02:00"));
        SortedMap<Instant, MinuteState> once = MinuteState.extend(new TreeMap<>(), fresh, window, SHANGHAI, CAP,
                TARGET).orElseThrow();

        assertThat(MinuteState.extend(once, fresh, window, SHANGHAI, CAP, TARGET)).isEmpty();
        assertThat(MinuteState.extend(once, List.of(point("2026-12-03T10:01:05", 3.0)), window, SHANGHAI, CAP,
                TARGET)).as("a late reading in a stored minute").isEmpty();
    }
}
