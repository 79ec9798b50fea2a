package org.coldwatch.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FleetReportTest {

    @Test
    void unackedAndNotSentFollowFromTheMeasuredCounts() {
        FleetReport.Counts counts = FleetReport.Counts.of(1_000, 990, 980, 4);

        assertThat(counts.unackedAtEnd()).isEqualTo(6);
        assertThat(counts.notSent()).isEqualTo(10);
        assertThat(counts.times(50)).isEqualTo(new FleetReport.Counts(50_000, 49_500, 49_000, 200, 300, 500));
    }

    @Test
    void refusesCountsThatCannotBe() {
        assertThatThrownBy(() -> FleetReport.Counts.of(10, 5, 5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inconsistent counts");
        assertThatThrownBy(() -> FleetReport.Counts.of(10, 11, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offeredRatesUseTheSendingTimeAndAchievedRatesTheElapsedTime() {
        FleetReport.Counts batches = FleetReport.Counts.of(1_200, 1_200, 1_000, 0);

        FleetReport.Rates rates = FleetReport.Rates.of(batches, 50, 60.0, 80.0);

        assertThat(rates.offeredMessagesPerSecond()).isEqualTo(20.0);
        assertThat(rates.offeredReadingsPerSecond()).isEqualTo(1_000.0);
        assertThat(rates.achievedMessagesPerSecond()).isEqualTo(12.5);
        assertThat(rates.achievedReadingsPerSecond()).isEqualTo(625.0);
        assertThat(FleetReport.Rates.of(batches, 50, 0, 0).achievedReadingsPerSecond()).isZero();
    }

    @Test
    void latencyPercentilesAreInMillisecondsFromMicroseconds() {
        Histogram micros = new Histogram(3);
        for (int i = 1; i <= 1_000; i++) {
            micros.recordValue(i * 1_000L);
        }

        FleetReport.Latency latency = FleetReport.Latency.of(micros);

        assertThat(latency.count()).isEqualTo(1_000);
        assertThat(latency.p50Ms()).isBetween(499.0, 501.0);
        assertThat(latency.p99Ms()).isBetween(989.0, 991.0);
        assertThat(latency.maxMs()).isBetween(999.0, 1_001.0);
        assertThat(FleetReport.Latency.of(new Histogram(3)).count()).isZero();
    }

    @Test
    void everySentBatchAcknowledgedOnlyWhenNothingWasRefusedOrLeftOver() {
        assertThat(report(FleetReport.Counts.of(10, 10, 10, 0)).everySentBatchAcknowledged()).isTrue();
        assertThat(report(FleetReport.Counts.of(10, 10, 9, 1)).everySentBatchAcknowledged()).isFalse();
        assertThat(report(FleetReport.Counts.of(10, 10, 9, 0)).everySentBatchAcknowledged()).isFalse();
    }

    private static FleetReport report(FleetReport.Counts batches) {
        FleetReport.Latency none = FleetReport.Latency.of(new Histogram(3));
        return new FleetReport("tcp://127.0.0.1:1883", 1, 1, 1, 1.0, 10.0, 10.0,
                new FleetReport.Connections(1, 1, 1, 0, 0), batches, batches, 0,
                FleetReport.Rates.of(batches, 1, 10.0, 10.0), none, none, none, java.util.Map.of(),
                java.util.Map.of(), java.util.List.of());
    }
}
