package org.coldwatch.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.coldwatch.server.ingest.broker.BrokerSettings;
import org.junit.jupiter.api.Test;

/** The keys {@code ingest.source} and {@code broker.*}, through {@link ServerConfig#load}. */
class BrokerKeysTest {

    private static ServerConfig load(String... overrides) {
        return ServerConfig.load(null, Map.of(), List.of(overrides));
    }

    @Test
    void theBuiltInEndpointAloneIsTheDefault() {
        ServerConfig config = load();

        assertThat(config.ingest().endpoint()).isTrue();
        assertThat(config.ingest().broker()).isEmpty();
    }

    @Test
    void brokerModeReadsEveryKeyWithItsDefaults() {
        ServerConfig config = ServerConfig.load(null, Map.of("COLDWATCH_BROKER_CLIENT_ID", "coldwatch-b"),
                List.of("ingest.source=broker", "broker.url=ssl://broker.example:8883", "broker.username=server",
                        "broker.password=s3cret"));

        assertThat(config.ingest().endpoint()).isFalse();
        BrokerSettings broker = config.ingest().broker().orElseThrow();
        assertThat(broker.url()).isEqualTo(URI.create("ssl://broker.example:8883"));
        assertThat(broker.clientId()).isEqualTo("coldwatch-b");
        assertThat(broker.group()).isEqualTo("coldwatch");
        assertThat(broker.username()).contains("server");
        assertThat(broker.receiveMaximum()).isEqualTo(1000);
        assertThat(broker.sessionExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(broker.toString()).doesNotContain("s3cret");
    }

    @Test
    void bothKeepsTheEndpointAndDerivesTheClientIdFromTheHostName() {
        ServerConfig config = load("ingest.source=both", "broker.url=tcp://127.0.0.1:1883");

        assertThat(config.ingest().endpoint()).isTrue();
        assertThat(config.ingest().broker().orElseThrow().clientId()).startsWith("coldwatch-server-");
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertThatThrownBy(() -> load("ingest.source=kafka"))
                .hasMessage("ingest.source: 'kafka' is not one of endpoint, broker, both");
        assertThatThrownBy(() -> load("ingest.source=broker")).hasMessageStartingWith("broker.url: required");
        assertThatThrownBy(() -> load("ingest.source=broker", "broker.url=http://broker:1883"))
                .hasMessage("broker.url: 'http://broker:1883' must be tcp://host:port or ssl://host:port");
        assertThatThrownBy(() -> load("ingest.source=broker", "broker.url=tcp://broker:1883", "broker.group=a/b"))
                .hasMessageStartingWith("broker.group: 'a/b' must be");
        assertThatThrownBy(() -> load("ingest.source=broker", "broker.url=tcp://broker:1883",
                "broker.clientId=two words")).hasMessageStartingWith("broker.clientId: 'two words' must be");
        assertThatThrownBy(() -> load("ingest.source=broker", "broker.url=tcp://broker:1883",
                "broker.password=x")).hasMessage("broker.password: set, but broker.username is empty");
        assertThatThrownBy(() -> load("ingest.source=broker", "broker.url=tcp://broker:1883",
                "broker.sessionExpirySeconds=0")).hasMessageStartingWith("broker.sessionExpirySeconds: 0 is outside");
        assertThatThrownBy(() -> load("broker.url=tcp://broker:1883"))
                .hasMessage("broker.url: only used when ingest.source is broker or both, and it is endpoint");
    }
}
