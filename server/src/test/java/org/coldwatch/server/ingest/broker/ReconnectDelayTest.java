package org.coldwatch.server.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectDelayTest {

    @Test
    void doublesUpToTheCapAndStartsOverAfterASuccess() {
        ReconnectDelay delay = new ReconnectDelay(Duration.ofMillis(500), Duration.ofSeconds(3));

        assertThat(delay.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(delay.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(delay.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(delay.next()).isEqualTo(Duration.ofSeconds(3));
        assertThat(delay.next()).isEqualTo(Duration.ofSeconds(3));
        delay.reset();
        assertThat(delay.next()).isEqualTo(Duration.ofMillis(500));
    }
}
