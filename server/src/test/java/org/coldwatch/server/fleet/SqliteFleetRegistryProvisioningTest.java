package org.coldwatch.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;

class SqliteFleetRegistryProvisioningTest {
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.of(Instant.parse("2026-12-03T02:00:00Z"), ZoneOffset.UTC);
    SqliteFleetRegistry fleet;

    @BeforeEach
    void open() throws Exception {
        fleet = SqliteFleetRegistry.open(dir.resolve("fleet.db"), clock);
        fleet.putStore(new Store("store-lijiacun", "李家村果蔬保鲜库", "某县/某镇/李家村"));
    }

    @AfterEach
    void close() {
        fleet.close();
    }

    @Test
    void aCodeIsExchangedOnceForAWorkingSecret() {
        IssuedCode issued = fleet.issueProvisioningCode("gw-lijiacun-01", "store-lijiacun", Duration.ofDays(3),
                Optional.of("ssl://county.example:8883"));

        ProvisionedGateway provisioned = fleet.redeemProvisioningCode(issued.code().toLowerCase(), "10.0.0.9");

        assertThat(provisioned.gatewayId()).isEqualTo("gw-lijiacun-01");
        assertThat(provisioned.storeId()).isEqualTo("store-lijiacun");
        assertThat(provisioned.mqttUri()).contains("ssl://county.example:8883");
        GatewayRecord record = fleet.gateway("gw-lijiacun-01").orElseThrow();
        assertThat(Secrets.matches(provisioned.secret(), record.secretSha256())).isTrue();
        assertThatThrownBy(() -> fleet.redeemProvisioningCode(issued.code(), "10.0.0.9"))
                .isInstanceOfSatisfying(ProvisioningRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ProvisioningRefused.Reason.USED));
    }

    @Test
    void reprovisioningReplacesTheOldSecret() {
        String first = fleet.redeemProvisioningCode(fleet.issueProvisioningCode("gw-1", "store-lijiacun",
                Duration.ofHours(1), Optional.empty()).code(), "a").secret();

        String second = fleet.redeemProvisioningCode(fleet.issueProvisioningCode("gw-1", "store-lijiacun",
                Duration.ofHours(1), Optional.empty()).code(), "a").secret();

        String stored = fleet.gateway("gw-1").orElseThrow().secretSha256();
        assertThat(Secrets.matches(second, stored)).isTrue();
        assertThat(Secrets.matches(first, stored)).isFalse();
    }

    @Test
    void anExpiredCodeIsRefusedAndIssuesNothing() {
        IssuedCode issued = fleet.issueProvisioningCode("gw-late", "store-lijiacun", Duration.ofHours(12),
                Optional.empty());
        clock.add(Duration.ofHours(12));

        assertThatThrownBy(() -> fleet.redeemProvisioningCode(issued.code(), "a"))
                .isInstanceOfSatisfying(ProvisioningRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ProvisioningRefused.Reason.EXPIRED));
        assertThat(fleet.gateway("gw-late")).isEmpty();
    }

    @Test
    void unknownAndMalformedCodesAreRefused() {
        fleet.issueProvisioningCode("gw-1", "store-lijiacun", Duration.ofHours(1), Optional.empty());

        for (String typed : new String[] {"0000-0000-0000", "not a code", ""}) {
            assertThatThrownBy(() -> fleet.redeemProvisioningCode(typed, "a"))
                    .isInstanceOfSatisfying(ProvisioningRefused.class,
                            e -> assertThat(e.reason()).isEqualTo(ProvisioningRefused.Reason.UNKNOWN));
        }
    }

    @Test
    void issuingNeedsAnExistingStoreAndAValidId() {
        assertThatThrownBy(() -> fleet.issueProvisioningCode("gw-1", "no-such-store", Duration.ofHours(1),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-store");
        assertThatThrownBy(() -> fleet.issueProvisioningCode("bad id!", "store-lijiacun", Duration.ofHours(1),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
