package org.coldwatch.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.coldwatch.gateway.config.OutboxLimits.FullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxLimitsConfigTest {
    @TempDir
    Path dir;

    private Path write(String outboxSection) throws IOException {
        return Files.writeString(dir.resolve("gateway.yaml"),
                "gateway:\n  id: gw-7\n  secret: s\noutbox:\n" + outboxSection);
    }

    @Test
    void readsTheBudgetAndPolicyKeys() throws IOException {
        Path file = write("  maxBytes: 10485760\n  minFreeDiskBytes: 0\n  fullPolicy: refuse-new\n"
                + "  thinToOnePerMinutes: 30\n");

        OutboxLimits limits = GatewayConfig.load(file, Map.of()).outboxLimits();

        assertThat(limits).isEqualTo(new OutboxLimits(10_485_760L, 0, FullPolicy.REFUSE_NEW, 30));
    }

    @Test
    void defaultsToTwoHundredFiftySixMebibytesAndThinOldest() throws IOException {
        OutboxLimits limits = GatewayConfig.load(write("  path: /tmp/x.db\n"), Map.of()).outboxLimits();

        assertThat(limits).isEqualTo(OutboxLimits.defaults());
        assertThat(limits.maxBytes()).isEqualTo(268_435_456L);
        assertThat(limits.fullPolicy()).isEqualTo(FullPolicy.THIN_OLDEST);
    }

    @Test
    void rejectsUnknownPolicyNamingTheKey() throws IOException {
        Path file = write("  fullPolicy: drop-newest\n");

        assertThatThrownBy(() -> GatewayConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("outbox.fullPolicy: must be one of thin-oldest, refuse-new, was 'drop-newest'");
    }

    @Test
    void rejectsTooSmallBudgetAndBadThinningNamingEachKey() throws IOException {
        Path file = write("  maxBytes: 1000\n  thinToOnePerMinutes: 0\n");

        assertThatThrownBy(() -> GatewayConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("outbox.maxBytes: must be at least 1048576")
                .hasMessageContaining("outbox.thinToOnePerMinutes: must be 1…1440, was 0");
    }
}
