package org.coldwatch.gateway.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class RefusalLogTest {
    private final MutableClock clock = MutableClock.of(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    private final RefusalLog log = new RefusalLog(clock);

    @Test
    void warnsOncePerHostAndReasonAMinute() throws Exception {
        InetAddress node = InetAddress.getByName("192.168.4.7");
        InetAddress other = InetAddress.getByName("192.168.4.8");

        assertThat(log.shouldWarn(node, "malformed")).isTrue();
        assertThat(log.shouldWarn(node, "malformed")).isFalse();
        assertThat(log.shouldWarn(node, "unknown_node")).isTrue();
        assertThat(log.shouldWarn(other, "malformed")).isTrue();

        clock.add(Duration.ofSeconds(59));
        assertThat(log.shouldWarn(node, "malformed")).isFalse();
        clock.add(Duration.ofSeconds(1));
        assertThat(log.shouldWarn(node, "malformed")).isTrue();
    }
}
