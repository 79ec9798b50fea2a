package org.coldwatch.server.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TimeQuality;
import org.coldwatch.server.rollups.RollupPlan.Range;
import org.junit.jupiter.api.Test;

class RollupPlanTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Instant local(String text) {
        return LocalDateTime.parse(text).atZone(SHANGHAI).toInstant();
    }

    static Range range(String from, String to) {
        return new Range(local(from), local(to));
    }

    static TelemetryBatch batch(Reading... readings) {
        return TelemetryBatch.of("gw", 1, List.of(readings));
    }

    static Reading at(String time) {
        return Reading.of("air", ReadingKind.TEMPERATURE, 2.0, local(time));
    }

    @Test
    void eachReadingChangesItsMinuteAndThoseOfItsPossiblePredecessorsAndTouchesTheirHoursAndDays() {
        RollupPlan plan = RollupPlan.of(List.of(batch(at("2026-12-03T10:05:30"), at("2026-12-03T10:06:10")),
                batch(at("2026-12-03T23:59:59.999"))), SHANGHAI, 60_000);
        assertThat(plan.minutes()).containsExactly(range("2026-12-03T10:04:00", "2026-12-03T10:07:00"),
                range("2026-12-03T23:58:00", "2026-12-04T00:00:00"));
        assertThat(plan.minuteGaps()).containsExactly(range("2026-12-03T10:00:00", "2026-12-03T10:04:00"),
                range("2026-12-03T10:07:00", "2026-12-03T11:00:00"),
                range("2026-12-03T23:00:00", "2026-12-03T23:58:00"));
        assertThat(plan.hourGaps()).containsExactly(range("2026-12-03T00:00:00", "2026-12-03T10:00:00"),
                range("2026-12-03T11:00:00", "2026-12-03T23:00:00"));
    }

    @Test
    void aRangeAcrossMidnightTouchesBothDaysAndEveryGapLiesInOneBucket() {
        RollupPlan plan = RollupPlan.of(List.of(batch(at("2026-12-04T00:00:00"))), SHANGHAI, 60_000);
        assertThat(plan.minutes()).containsExactly(range("2026-12-03T23:59:00", "2026-12-04T00:01:00"));
        assertThat(plan.minuteGaps()).containsExactly(range("2026-12-03T23:00:00", "2026-12-03T23:59:00"),
                range("2026-12-04T00:01:00", "2026-12-04T01:00:00"));
        assertThat(plan.hourGaps()).containsExactly(range("2026-12-03T00:00:00", "2026-12-03T23:00:00"),
                range("2026-12-04T01:00:00", "2026-12-05T00:00:00"));
    }

    @Test
    void unsyncedReadingsChangeNothing() {
        assertThat(RollupPlan.of(List.of(batch(at("2026-12-03T10:05:30").withTimeQuality(TimeQuality.UNSYNCED))),
                SHANGHAI, 60_000).isEmpty()).isTrue();
    }
}
