package org.coldwatch.server.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InflightBudgetTest {

    @Test
    void reportsCrossingTheHighWaterMarkOnce() {
        InflightBudget budget = new InflightBudget(1_000, 400);

        assertThat(budget.add(600)).isFalse();
        assertThat(budget.add(600)).isTrue();
        assertThat(budget.add(600)).isFalse();
        assertThat(budget.over()).isTrue();
        assertThat(budget.bytes()).isEqualTo(1_800);
        assertThat(budget.messages()).isEqualTo(3);
    }

    @Test
    void resumesOnlyBelowTheLowWaterMark() {
        InflightBudget budget = new InflightBudget(1_000, 400);
        budget.add(600);
        budget.add(300);
        assertThat(budget.add(300)).isTrue();

        assertThat(budget.release(600)).as("600 left: between the marks").isFalse();
        assertThat(budget.over()).isTrue();
        assertThat(budget.release(300)).as("300 left").isTrue();
        assertThat(budget.over()).isFalse();
        assertThat(budget.release(300)).isFalse();
        assertThat(budget.bytes()).isZero();
        assertThat(budget.messages()).isZero();
    }

    @Test
    void belowTheHighWaterMarkReleasesNeverReportAResume() {
        InflightBudget budget = InflightBudget.of(1_000);
        budget.add(900);

        assertThat(budget.release(900)).isFalse();
    }

    @Test
    void refusesMarksInTheWrongOrder() {
        assertThatThrownBy(() -> new InflightBudget(100, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InflightBudget(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
