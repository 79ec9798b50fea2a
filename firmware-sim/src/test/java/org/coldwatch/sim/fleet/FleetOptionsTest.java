package org.coldwatch.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetOptionsTest {
    static final List<GatewayCredentials> TWO = GatewayCredentials.anonymous("gw-", 2);

    @Test
    void theDefaultsAreValid() {
        FleetOptions options = FleetOptions.builder("tcp://127.0.0.1:1883", TWO).build();

        assertThat(options.gateways()).isEqualTo(2);
        assertThat(options.intervalNanos()).isEqualTo(10_000_000_000L);
        assertThat(options.firstSeq()).isEqualTo(1);
    }

    @Test
    void namesTheOptionThatIsWrong() {
        assertThatThrownBy(() -> FleetOptions.builder("http://x:1", TWO).build()).hasMessageContaining("target");
        assertThatThrownBy(() -> FleetOptions.builder("tcp://127.0.0.1:1883", List.of()).build())
                .hasMessageContaining("gateways");
        assertThatThrownBy(() -> FleetOptions.builder("tcp://127.0.0.1:1883", TWO).readingsPerMessage(1_001)
                .build()).hasMessageContaining("readings-per-message");
        assertThatThrownBy(() -> FleetOptions.builder("tcp://127.0.0.1:1883", TWO).pace(Pace.totalRate(0))
                .build()).hasMessageContaining("rate");
        assertThatThrownBy(() -> FleetOptions.builder("tcp://127.0.0.1:1883", TWO).rampUp(Duration.ofMinutes(2))
                .build()).hasMessageContaining("ramp-up");
        assertThatThrownBy(() -> FleetOptions.builder("tcp://127.0.0.1:1883", TWO).firstSeq(0).build())
                .hasMessageContaining("first-seq");
        assertThatThrownBy(() -> FleetOptions.builder("tcp://127.0.0.1:1883", TWO).duration(Duration.ZERO)
                .build()).hasMessageContaining("duration");
    }
}
