package org.coldwatch.server.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GatewayRateLimiterTest {
    final AtomicLong now = new AtomicLong();

    @Test
    void withinItsRatesAGatewayIsNeverDelayed() {
        GatewayRateLimiter limiter = new GatewayRateLimiter(new GatewayRateLimiter.Rates(10, 500, 1), now::get);

        for (int i = 0; i < 100; i++) {
            assertThat(limiter.charge("gw-1", 50)).isZero();
            now.addAndGet(100_000_000L); // 10 messages and 500 readings a second
        }
    }

    @Test
    void theReadingRateDelaysTheAcknowledgementOfABigBatch() {
        GatewayRateLimiter limiter = new GatewayRateLimiter(new GatewayRateLimiter.Rates(100, 1_000, 1), now::get);

        assertThat(limiter.charge("gw-1", 1_000)).isZero();
        assertThat(limiter.charge("gw-1", 500)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theMessageRateDelaysManySmallMessages() {
        GatewayRateLimiter limiter = new GatewayRateLimiter(new GatewayRateLimiter.Rates(2, 0, 1), now::get);

        assertThat(limiter.charge("gw-1", 1)).isZero();
        assertThat(limiter.charge("gw-1", 1)).isZero();
        assertThat(limiter.charge("gw-1", 1)).isEqualTo(Duration.ofMillis(500));
        assertThat(limiter.charge("gw-1", 1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void eachGatewayHasItsOwnBuckets() {
        GatewayRateLimiter limiter = new GatewayRateLimiter(new GatewayRateLimiter.Rates(1, 0, 1), now::get);

        assertThat(limiter.charge("gw-1", 1)).isZero();
        assertThat(limiter.charge("gw-2", 1)).isZero();
        assertThat(limiter.charge("gw-1", 1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void unlimitedNeverDelays() {
        GatewayRateLimiter limiter = new GatewayRateLimiter(GatewayRateLimiter.Rates.UNLIMITED, now::get);

        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.charge("gw-1", 1_000)).isZero();
        }
    }
}
