package org.coldwatch.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.coldwatch.gateway.config.OutboxLimits;
import org.junit.jupiter.api.Test;

class DiskBudgetTest {
    private final DiskBudget budget = new DiskBudget(new OutboxLimits(1_000_000_000L, 100_000_000L,
            OutboxLimits.FullPolicy.THIN_OLDEST, 10));

    @Test
    void isOkBelowNinetyPercentWithEnoughDisk() {
        assertThat(budget.state(899_999_999L, 200_000_000L)).isEqualTo(OutboxState.OK);
    }

    @Test
    void isNearFullFromNinetyPercentOrWhenFreeDiskIsBelowTwiceTheReserve() {
        assertThat(budget.state(900_000_000L, 10_000_000_000L)).isEqualTo(OutboxState.NEAR_FULL);
        assertThat(budget.state(1_000L, 199_999_999L)).isEqualTo(OutboxState.NEAR_FULL);
    }

    @Test
    void isFullAtTheBudgetOrWhenFreeDiskIsBelowTheReserve() {
        assertThat(budget.state(1_000_000_000L, 10_000_000_000L)).isEqualTo(OutboxState.FULL);
        assertThat(budget.state(1_000L, 99_999_999L)).isEqualTo(OutboxState.FULL);
    }
}
