package org.coldwatch.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("gateway.yaml"), yaml);
    }

    @Test
    void loadsShippedSample() throws URISyntaxException {
        Path sample = Path.of(GatewayConfigTest.class.getResource("/gateway.sample.yaml").toURI());

        GatewayConfig config = GatewayConfig.load(sample, Map.of());

        assertThat(config.gateway().id()).isEqualTo("gw-demo-01");
        assertThat(config.uplink().serverUri()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(config.uplink().keepAliveSeconds()).isEqualTo(30);
        assertThat(config.uplink().inflight()).isEqualTo(100);
        assertThat(config.uplink().backoffInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.uplink().backoffMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.outbox().path()).isEqualTo(Path.of("/var/lib/coldwatch/outbox.db"));
        assertThat(config.outbox().maxReadingsPerBatch()).isEqualTo(500);
        assertThat(config.sampling().interval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void sampleStatesEveryDefault() throws URISyntaxException {
        Path sample = Path.of(GatewayConfigTest.class.getResource("/gateway.sample.yaml").toURI());

        GatewayConfig fromFile = GatewayConfig.load(sample, Map.of());

        assertThat(fromFile).isEqualTo(GatewayConfig.builder("gw-demo-01", "change-me").build());
    }

    @Test
    void appliesDefaultsForKeysNotInTheFile() throws IOException {
        GatewayConfig config = GatewayConfig.load(write("gateway:\n  id: gw-7\n  secret: s3cret\n"), Map.of());

        assertThat(config).isEqualTo(GatewayConfig.builder("gw-7", "s3cret").build());
    }

    @Test
    void environmentOverridesSecretAndServer() throws IOException {
        Path file = write("gateway:\n  id: gw-7\n  secret: from-file\n");

        GatewayConfig config = GatewayConfig.load(file, Map.of(GatewayConfig.ENV_SECRET, "from-env",
                GatewayConfig.ENV_SERVER_URI, "ssl://mqtt.example.cn:8883"));

        assertThat(config.gateway().secret()).isEqualTo("from-env");
        assertThat(config.uplink().serverUri()).isEqualTo("ssl://mqtt.example.cn:8883");
        assertThat(config.gateway().toString()).doesNotContain("from-env");
    }

    @Test
    void rejectsMissingIdNamingTheKey() throws IOException {
        Path file = write("gateway:\n  secret: s3cret\n");

        assertThatThrownBy(() -> GatewayConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.id: missing");
    }

    @Test
    void rejectsBadUriNamingTheKey() throws IOException {
        Path file = write("gateway:\n  id: gw-7\n  secret: s\nuplink:\n  serverUri: localhost:1883\n");

        assertThatThrownBy(() -> GatewayConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("uplink.serverUri: must be tcp://host:port or ssl://host:port, was 'localhost:1883'");
    }

    @Test
    void rejectsUnknownKeyNamingIt() throws IOException {
        Path file = write("gateway:\n  id: gw-7\n  secret: s\nuplink:\n  serverUrl: tcp://a:1\n");

        assertThatThrownBy(() -> GatewayConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("uplink.serverUrl: unknown key");
    }

    @Test
    void rejectsWrongTypeNamingTheKey() throws IOException {
        Path file = write("gateway:\n  id: gw-7\n  secret: s\nuplink:\n  inflight: lots\n");

        assertThatThrownBy(() -> GatewayConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("uplink.inflight");
    }

    @Test
    void reportsEveryBadKeyAtOnce() {
        assertThatThrownBy(() -> GatewayConfig.builder("bad id!", "")
                .maxReadingsPerBatch(5_000).samplingIntervalMillis(0).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.id:")
                .hasMessageContaining("gateway.secret: missing")
                .hasMessageContaining("outbox.maxReadingsPerBatch: must be 1…1000, was 5000")
                .hasMessageContaining("sampling.intervalMillis:");
    }

    @Test
    void rejectsDuplicateKey() throws IOException {
        Path file = write("gateway:\n  id: gw-7\n  secret: s\ngateway:\n  id: gw-8\n");

        assertThatThrownBy(() -> GatewayConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Duplicate field 'gateway'");
    }
}
