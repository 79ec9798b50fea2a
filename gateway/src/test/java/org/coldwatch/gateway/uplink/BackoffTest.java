package org.coldwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static Backoff backoff(long initialMillis, long maxMillis, long seed) {
        return new Backoff(Duration.ofMillis(initialMillis), Duration.ofMillis(maxMillis), 2.0, new Random(seed));
    }

    @Test
    void ceilingGrowsByTheMultiplierFromInitial() {
        Backoff backoff = backoff(500, 60_000, 1);
        long[] expected = {500, 1_000, 2_000, 4_000, 8_000};

        for (long ceiling : expected) {
            assertThat(backoff.nextCeiling()).isEqualTo(Duration.ofMillis(ceiling));
            backoff.next();
        }
    }

    @Test
    void everyWaitLiesBetweenZeroAndItsCeiling() {
        Backoff backoff = backoff(100, 10_000, 42);

        for (int i = 0; i < 1_000; i++) {
            Duration ceiling = backoff.nextCeiling();
            assertThat(backoff.next()).isBetween(Duration.ZERO, ceiling);
        }
    }

    @Test
    void ceilingIsCappedAtMaxAndDoesNotOverflow() {
        Backoff backoff = backoff(500, 60_000, 7);

        for (int i = 0; i < 10_000; i++) {
            assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofMillis(60_000));
        }
        assertThat(backoff.nextCeiling()).isEqualTo(Duration.ofMillis(60_000));
    }

    @Test
    void fullJitterSpreadsWaitsOverTheWholeRange() {
        Backoff backoff = backoff(1_000, 1_000, 1234);
        Set<Long> distinct = new HashSet<>();
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        int n = 2_000;

        for (int i = 0; i < n; i++) {
            long wait = backoff.next().toMillis();
            distinct.add(wait);
            min = Math.min(min, wait);
            max = Math.max(max, wait);
            sum += wait;
        }

        assertThat(min).isLessThan(50);
        assertThat(max).isGreaterThan(950).isLessThanOrEqualTo(1_000);
        assertThat(sum / n).isBetween(450L, 550L);
        assertThat(distinct).hasSizeGreaterThan(500);
    }

    @Test
    void sameSeedGivesSameWaits() {
        Backoff a = backoff(200, 5_000, 99);
        Backoff b = backoff(200, 5_000, 99);

        for (int i = 0; i < 20; i++) {
            assertThat(a.next()).isEqualTo(b.next());
        }
    }

    @Test
    void resetStartsAgainFromInitial() {
        Backoff backoff = backoff(500, 60_000, 3);
        for (int i = 0; i < 8; i++) {
            backoff.next();
        }

        backoff.reset();

        assertThat(backoff.nextCeiling()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsMaxBelowInitial() {
        assertThatThrownBy(() -> backoff(1_000, 500, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("max:");
    }
}
