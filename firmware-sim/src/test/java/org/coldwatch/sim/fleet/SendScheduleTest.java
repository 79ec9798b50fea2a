package org.coldwatch.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendScheduleTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void staggersFirstSendsOverOneIntervalWhenAllGatewaysConnectAtOnce() {
        SendSchedule schedule = new SendSchedule(4, 10 * SECOND, 0, 60 * SECOND);

        assertThat(schedule.connectAt(3)).isZero();
        assertThat(schedule.firstSendAt(0)).isZero();
        assertThat(schedule.firstSendAt(1)).isEqualTo(2_500_000_000L);
        assertThat(schedule.firstSendAt(3)).isEqualTo(7_500_000_000L);
        assertThat(schedule.intendedAt(1, 2)).isEqualTo(22_500_000_000L);
    }

    @Test
    void aRampUpLongerThanTheIntervalSpreadsConnectsAndFirstSendsOverTheRampUp() {
        SendSchedule schedule = new SendSchedule(10, SECOND, 20 * SECOND, 60 * SECOND);

        assertThat(schedule.connectAt(5)).isEqualTo(10 * SECOND);
        assertThat(schedule.firstSendAt(5)).isEqualTo(10 * SECOND);
        assertThat(schedule.firstSendAt(9)).isEqualTo(18 * SECOND);
    }

    @Test
    void schedulesOnlySlotsBeforeTheEndOfTheRun() {
        SendSchedule schedule = new SendSchedule(2, 10 * SECOND, 0, 60 * SECOND);

        assertThat(schedule.scheduledCount(0)).as("0, 10, … 50 s").isEqualTo(6);
        assertThat(schedule.scheduledCount(1)).as("5, 15, … 55 s").isEqualTo(6);
        assertThat(schedule.totalScheduled()).isEqualTo(12);
        assertThat(new SendSchedule(1, 7 * SECOND, 0, 21 * SECOND).scheduledCount(0)).as("0, 7, 14 s").isEqualTo(3);
    }

    @Test
    void countsSlotsThatHaveComeButNeverMoreThanScheduled() {
        SendSchedule schedule = new SendSchedule(2, 10 * SECOND, 0, 60 * SECOND);

        assertThat(schedule.dueCount(1, 4 * SECOND)).isZero();
        assertThat(schedule.dueCount(1, 5 * SECOND)).isEqualTo(1);
        assertThat(schedule.dueCount(1, 24 * SECOND)).isEqualTo(2);
        assertThat(schedule.dueCount(1, 600 * SECOND)).isEqualTo(6);
    }

    @Test
    void aGatewayThatConnectsLateStartsAtItsNextSlotKeepingItsPhase() {
        SendSchedule schedule = new SendSchedule(2, 10 * SECOND, 0, 60 * SECOND);

        assertThat(schedule.firstSlotFrom(1, 0)).isZero();
        assertThat(schedule.firstSlotFrom(1, 5 * SECOND)).isZero();
        assertThat(schedule.firstSlotFrom(1, 5 * SECOND + 1)).isEqualTo(1);
        assertThat(schedule.intendedAt(1, schedule.firstSlotFrom(1, 12 * SECOND))).isEqualTo(15 * SECOND);
    }

    @Test
    void aTotalRateIsSharedEvenlyByTheGateways() {
        long interval = Pace.totalRate(10_000).intervalNanos(100, 50);

        assertThat(interval).as("100 gateways × 50 readings per message at 10,000 readings/s: 2 messages/s each")
                .isEqualTo(SECOND / 2);
    }
}
