package org.coldwatch.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void doublesUpToTheMaximumWithJitterInTheUpperHalf() {
        ReconnectBackoff backoff = new ReconnectBackoff(200, 5_000, new SplittableRandom(7));

        assertThat(backoff.nextDelayMillis()).isBetween(100L, 200L);
        assertThat(backoff.nextDelayMillis()).isBetween(200L, 400L);
        assertThat(backoff.nextDelayMillis()).isBetween(400L, 800L);
        for (int i = 0; i < 40; i++) {
            assertThat(backoff.nextDelayMillis()).isBetween(100L, 5_000L);
        }
        assertThat(backoff.nextDelayMillis()).isBetween(2_500L, 5_000L);
    }

    @Test
    void startsOverAfterASuccessfulConnect() {
        ReconnectBackoff backoff = new ReconnectBackoff(200, 5_000, new SplittableRandom(7));
        for (int i = 0; i < 10; i++) {
            backoff.nextDelayMillis();
        }

        backoff.reset();

        assertThat(backoff.nextDelayMillis()).isBetween(100L, 200L);
    }
}
