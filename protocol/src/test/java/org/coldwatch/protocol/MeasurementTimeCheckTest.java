package org.coldwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeasurementTimeCheckTest {
    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    static TelemetryBatch batchAt(Instant... times) {
        return TelemetryBatch.of("gw-1", 1, java.util.Arrays.stream(times)
                .map(t -> Reading.of("t1", ReadingKind.TEMPERATURE, 1.0, t)).toList());
    }

    @Test
    void acceptsTimesWithinTheWindow() {
        assertThat(MeasurementTimeCheck.DEFAULT.firstProblem(
                batchAt(NOW, NOW.plusSeconds(299), NOW.minus(Duration.ofDays(7))), NOW)).isEmpty();
    }

    @Test
    void refusesAMeasurementAYearInTheFuture() {
        TelemetryBatch batch = batchAt(NOW, NOW.plus(Duration.ofDays(365)));

        assertThat(MeasurementTimeCheck.DEFAULT.firstProblem(batch, NOW)).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("readings[1].timeMs: 2027-11-23T08:00:00Z is 365 days ahead"));
    }

    @Test
    void refusesAMeasurementFromLongBeforeTheLongestOutage() {
        TelemetryBatch batch = batchAt(NOW.minus(Duration.ofDays(400)));

        assertThat(MeasurementTimeCheck.DEFAULT.firstProblem(batch, NOW))
                .hasValueSatisfying(problem -> assertThat(problem).contains("400 days behind"));
    }

    @Test
    void aBatchOfOnlyPlausibleTimesHasNoProblemEvenAtTheEdges() {
        MeasurementTimeCheck check = new MeasurementTimeCheck(Duration.ofMinutes(5), Duration.ofDays(1));
        assertThat(check.firstProblem(batchAt(NOW.plus(Duration.ofMinutes(5)), NOW.minus(Duration.ofDays(1))), NOW))
                .isEmpty();
        assertThat(check.firstProblem(batchAt(NOW.plus(Duration.ofMinutes(5)).plusMillis(1)), NOW)).isPresent();
    }
}
