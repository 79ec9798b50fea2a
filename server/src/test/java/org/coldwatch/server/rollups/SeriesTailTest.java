package org.coldwatch.server.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeriesTailTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long CAP_MS = 60_000;
    private static final Optional<TargetRange> COLD = Optional.of(new TargetRange(0.0, 4.0));
    private static final Instant T0 = Instant.parse("2026-12-03T15:59:50Z"); // 23:59:50 in Shanghai

    private static SeriesPoint at(long offsetMs, double value) {
        return new SeriesPoint(T0.plusMillis(offsetMs), value);
    }

    @Test
    void shortensTheNewestReadingsIntervalInItsOwnMinuteAndAddsTheNewOnesInTheirs() {
        SeriesTail.Point newest = new SeriesTail.Point(T0.toEpochMilli(), 2.0);

        SeriesTail.Gains gains = SeriesTail.append(newest, List.of(at(20_000, 9.0), at(10_000, 3.0)), SHANGHAI,
                CAP_MS, COLD).orElseThrow();

        Instant lastMinuteOfDay = Instant.parse("2026-12-03T15:59:00Z");
        Instant firstMinuteOfNextDay = Instant.parse("2026-12-03T16:00:00Z");
        // the stored reading at 23:59:50 (in range) stood for 60 s and now for 10 s; 3.0 at 00:00:00 for 10 s;
        // 9.0 (out of range), the newest now, for the full cap
        assertThat(gains.minutes()).containsOnlyKeys(lastMinuteOfDay, firstMinuteOfNextDay);
        assertThat(gains.minutes().get(lastMinuteOfDay)).isEqualTo(new RollupStats(0, 0.0,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -50_000, -50_000));
        assertThat(gains.minutes().get(firstMinuteOfNextDay))
                .isEqualTo(new RollupStats(2, 12.0, 3.0, 9.0, 10_000 + CAP_MS, 10_000));
        assertThat(gains.newest()).isEqualTo(new SeriesTail.Point(T0.plusMillis(20_000).toEpochMilli(), 9.0));
    }

    @Test
    void leavesLateTiedAndEqualReadingsToTheRecomputation() {
        SeriesTail.Point newest = new SeriesTail.Point(T0.toEpochMilli(), 2.0);

        assertThat(SeriesTail.append(newest, List.of(at(0, 1.0)), SHANGHAI, CAP_MS, COLD)).isEmpty();
        assertThat(SeriesTail.append(newest, List.of(at(-1, 1.0)), SHANGHAI, CAP_MS, COLD)).isEmpty();
        assertThat(SeriesTail.append(newest, List.of(at(5, 1.0), at(5, 2.0)), SHANGHAI, CAP_MS, COLD)).isEmpty();
    }
}
