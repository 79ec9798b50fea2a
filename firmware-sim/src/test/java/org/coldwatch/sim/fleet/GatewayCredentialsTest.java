package org.coldwatch.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFileAddGatewaysWritesSkippingCommentsAndBlankLines() throws Exception {
        Path file = Files.writeString(dir.resolve("creds.csv"), "# gatewayId,secret\nfleet-01,abc_DEF-1\n\n"
                + "fleet-02, xyz \n");

        assertThat(GatewayCredentials.read(file)).containsExactly(new GatewayCredentials("fleet-01", "abc_DEF-1"),
                new GatewayCredentials("fleet-02", "xyz"));
    }

    @Test
    void namesTheLineOfAMalformedEntry() throws Exception {
        Path file = Files.writeString(dir.resolve("creds.csv"), "fleet-01,a\nfleet-02\n");

        assertThatThrownBy(() -> GatewayCredentials.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("gatewayId,secret");
    }

    @Test
    void refusesAnInvalidOrRepeatedGatewayId() throws Exception {
        Path invalid = Files.writeString(dir.resolve("invalid.csv"), "fleet 01,a\n");
        Path repeated = Files.writeString(dir.resolve("repeated.csv"), "fleet-01,a\nfleet-01,b\n");

        assertThatThrownBy(() -> GatewayCredentials.read(invalid)).hasMessageContaining("not a valid id");
        assertThatThrownBy(() -> GatewayCredentials.read(repeated)).hasMessageContaining("appears twice");
    }

    @Test
    void anonymousGatewaysAreNumberedFromOneAndHaveNoSecret() {
        assertThat(GatewayCredentials.anonymous("load-", 3)).extracting(GatewayCredentials::gatewayId)
                .containsExactly("load-1", "load-2", "load-3");
        assertThat(GatewayCredentials.anonymous("load-", 1).get(0).authenticated()).isFalse();
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(new GatewayCredentials("gw-1", "s3cret")).hasToString("GatewayCredentials[gw-1, secret=***]");
    }
}
