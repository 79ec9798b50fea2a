package org.coldwatch.server.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aFullBucketLetsTheBurstThroughWithoutWaiting() {
        TokenBucket bucket = new TokenBucket(10, 20, now::get);

        for (int i = 0; i < 20; i++) {
            assertThat(bucket.take(1)).isZero();
        }
        assertThat(bucket.available()).isZero();
    }

    @Test
    void takingBeyondTheTokensAnswersTheWaitUntilTheDebtIsEarnedBack() {
        TokenBucket bucket = new TokenBucket(10, 10, now::get);
        bucket.take(10);

        // 5 tokens of debt at 10 tokens/s: half a second
        assertThat(bucket.take(5)).isEqualTo(500_000_000L);
        // the next one waits behind the earlier debt
        assertThat(bucket.take(1)).isEqualTo(600_000_000L);
    }

    @Test
    void tokensComeBackWithTimeButNeverBeyondTheCapacity() {
        TokenBucket bucket = new TokenBucket(100, 50, now::get);
        bucket.take(50);

        now.addAndGet(200_000_000L);
        assertThat(bucket.available()).isEqualTo(20.0);
        now.addAndGet(60_000_000_000L);
        assertThat(bucket.available()).isEqualTo(50.0);
    }

    @Test
    void aClockGoingBackwardsAddsNoTokens() {
        TokenBucket bucket = new TokenBucket(100, 50, now::get);
        bucket.take(50);

        now.addAndGet(-5_000_000_000L);
        assertThat(bucket.available()).isZero();
    }

    @Test
    void refusesANonsensicalRate() {
        assertThatThrownBy(() -> new TokenBucket(0, 10, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(10, 0.5, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
