package org.coldwatch.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProvisioningThrottleTest {
    private Instant now = Instant.parse("2026-12-03T02:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ProvisioningThrottle throttle = new ProvisioningThrottle(3, 5, Duration.ofMinutes(10), clock);

    @Test
    void blocksAnAddressAfterItsFailuresUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.blockedFor("10.0.0.1")).isEmpty();
            throttle.failed("10.0.0.1");
            now = now.plusSeconds(60);
        }

        assertThat(throttle.blockedFor("10.0.0.1")).contains(Duration.ofMinutes(7));
        assertThat(throttle.blockedFor("10.0.0.2")).as("another address may still try").isEmpty();

        now = now.plus(Duration.ofMinutes(7));
        assertThat(throttle.blockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void blocksEveryoneWhenFailuresFromAllAddressesReachTheOverallLimit() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.1." + i);
        }

        assertThat(throttle.blockedFor("10.0.2.1")).contains(Duration.ofMinutes(10));
        now = now.plus(Duration.ofMinutes(10));
        assertThat(throttle.blockedFor("10.0.2.1")).isEmpty();
    }
}
