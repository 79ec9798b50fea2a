package org.coldwatch.gateway.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.coldwatch.gateway.config.ConfigException;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.provision.Credentials;
import org.coldwatch.gateway.provision.CredentialsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /etc/coldwatch/gateway.yaml the .deb installs: unusable until provisioned, valid once it is, examples too. */
class ShippedConfigTest {
    static final Path SHIPPED = Path.of("src/deb/files/gateway.yaml");

    @TempDir
    Path etc;

    @Test
    void beforeProvisioningItStopsWithAMessageNamingTheMissingIdentity() throws IOException {
        Path config = Files.copy(SHIPPED, etc.resolve("gateway.yaml"));

        assertThatThrownBy(() -> GatewayConfig.load(config, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.id: missing").hasMessageContaining("gateway.secret: missing");
    }

    @Test
    void onceProvisionedItRunsOnTheCredentialsAndThePackagesPaths() throws IOException {
        Path config = Files.copy(SHIPPED, etc.resolve("gateway.yaml"));
        CredentialsFile.write(etc.resolve("credentials.yaml"),
                new Credentials("gw-lijiacun-01", "s3cr3t", "ssl://county.example:8883"), Optional.empty(), "test");

        GatewayConfig loaded = GatewayConfig.load(config, Map.of());

        assertThat(loaded.gateway().id()).isEqualTo("gw-lijiacun-01");
        assertThat(loaded.outbox().path()).isEqualTo(Path.of("/var/lib/coldwatch/outbox.db"));
        assertThat(loaded.sampling().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(loaded.sensors()).isEmpty();
    }

    @Test
    void itsCommentedExampleRoomIsValidWhenUncommented() throws IOException {
        String uncommented = Files.readString(SHIPPED)
                .replaceAll("(?m)^#(sensors:|alarm:|  - |  outputPin|  silencePin|  rules:|    - )", "$1");
        Path config = Files.writeString(etc.resolve("gateway.yaml"), uncommented);
        CredentialsFile.write(etc.resolve("credentials.yaml"),
                new Credentials("gw-lijiacun-01", "s3cr3t", "tcp://10.0.0.5:1883"), Optional.empty(), "test");

        GatewayConfig loaded = GatewayConfig.load(config, Map.of());

        assertThat(loaded.sensors()).hasSize(5);
        assertThat(loaded.alarm().rules()).hasSize(2);
        assertThat(loaded.alarm().outputPin()).contains(27);
    }
}
