package org.coldwatch.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class ProvisioningThrottleTest {
    private final MutableClock clock = MutableClock.of(Instant.parse("2026-12-03T02:00:00Z"), ZoneOffset.UTC);
    private final ProvisioningThrottle throttle = new ProvisioningThrottle(3, 5, Duration.ofMinutes(10), clock);

    @Test
    void blocksAnAddressAfterItsFailuresUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.blockedFor("10.0.0.1")).isEmpty();
            throttle.failed("10.0.0.1");
            clock.add(Duration.ofSeconds(60));
        }

        assertThat(throttle.blockedFor("10.0.0.1")).contains(Duration.ofMinutes(7));
        assertThat(throttle.blockedFor("10.0.0.2")).as("another address may still try").isEmpty();

        clock.add(Duration.ofMinutes(7));
        assertThat(throttle.blockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void blocksEveryoneWhenFailuresFromAllAddressesReachTheOverallLimit() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.1." + i);
        }

        assertThat(throttle.blockedFor("10.0.2.1")).contains(Duration.ofMinutes(10));
        clock.add(Duration.ofMinutes(10));
        assertThat(throttle.blockedFor("10.0.2.1")).isEmpty();
    }
}
