package org.coldwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatewayStatusTest {

    @Test
    void decodesTheGoldenSamples() throws Exception {
        assertThat(GatewayStatus.decode(TelemetryCodecTest.sample("status-online.json")))
                .isEqualTo(GatewayStatus.online("0.1.0"));
        assertThat(GatewayStatus.decode(TelemetryCodecTest.sample("status-offline.json")))
                .isEqualTo(GatewayStatus.offline());
    }

    @Test
    void roundTrips() throws Exception {
        assertThat(GatewayStatus.decode(GatewayStatus.online("1.2.3").encode())).isEqualTo(GatewayStatus.online("1.2.3"));
        assertThat(GatewayStatus.decode(GatewayStatus.offline().encode())).isEqualTo(GatewayStatus.offline());
    }

    @Test
    void refusesAnUnknownState() {
        assertThatThrownBy(() -> GatewayStatus.decode("{\"state\":\"sleepy\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("state: expected 'online' or 'offline', was 'sleepy'");
    }
}
