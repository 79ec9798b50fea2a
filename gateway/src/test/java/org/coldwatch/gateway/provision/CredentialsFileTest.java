package org.coldwatch.gateway.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.coldwatch.gateway.config.ConfigException;
import org.coldwatch.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {
    @TempDir
    Path dir;

    @Test
    void writtenCredentialsAreOwnerOnlyAndReplaceTheConfigsIdentity() throws IOException {
        Path config = Files.writeString(dir.resolve("gateway.yaml"),
                "gateway:\n  id: gw-placeholder\n  secret: change-me\nuplink:\n  serverUri: tcp://127.0.0.1:1883\n"
                        + "  inflight: 7\n");

        CredentialsFile.write(dir.resolve("credentials.yaml"),
                new Credentials("gw-lijiacun-01", "s3cr3t", "ssl://county.example:8883"), Optional.empty(), "test");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("credentials.yaml"))))
                .isEqualTo("rw-------");
        GatewayConfig loaded = GatewayConfig.load(config, Map.of());
        assertThat(loaded.gateway().id()).isEqualTo("gw-lijiacun-01");
        assertThat(loaded.gateway().secret()).isEqualTo("s3cr3t");
        assertThat(loaded.uplink().serverUri()).isEqualTo("ssl://county.example:8883");
        assertThat(loaded.uplink().inflight()).as("other keys still come from the main file").isEqualTo(7);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void theEnvironmentStillWinsOverProvisionedCredentials() throws IOException {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "gateway:\n  credentialsFile: creds/c.yaml\n");
        CredentialsFile.write(dir.resolve("creds/c.yaml"), new Credentials("gw-1", "a", "tcp://10.0.0.1:1883"),
                Optional.empty(), "test");

        GatewayConfig loaded = GatewayConfig.load(config, Map.of(GatewayConfig.ENV_SECRET, "from-env"));

        assertThat(GatewayConfig.credentialsFileOf(config)).isEqualTo(dir.resolve("creds/c.yaml"));
        assertThat(loaded.gateway().id()).isEqualTo("gw-1");
        assertThat(loaded.gateway().secret()).isEqualTo("from-env");
    }

    @Test
    void aDamagedCredentialsFileIsAnErrorNamingIt() throws IOException {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "outbox:\n  path: /tmp/o.db\n");
        Files.writeString(dir.resolve("credentials.yaml"), "gateway:\n  id: gw-1\n  pasword: x\n");

        assertThatThrownBy(() -> GatewayConfig.load(config, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("credentials.yaml").hasMessageContaining("pasword");
    }
}
