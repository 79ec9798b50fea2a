package org.coldwatch.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * What every metadata database must do for {@link JdbcFleetRegistry} and {@link JdbcGatewayState}: run by
 * {@link JdbcFleetRegistrySqliteTest} on a SQLite file and by {@link JdbcFleetRegistryPostgresIT} on a real
 * PostgreSQL, with the same migrations.
 */
abstract class FleetRegistryContract {
    final MutableClock clock = MutableClock.of(Instant.parse("2026-12-03T02:00:00Z"), ZoneOffset.UTC);
    MetaDatabase database;
    JdbcFleetRegistry fleet;
    JdbcGatewayState state;

    /** A new, empty database for one test. */
    abstract MetaDbSettings newDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = MetaDatabase.of(newDatabase());
        fleet = JdbcFleetRegistry.open(database, clock);
        state = JdbcGatewayState.open(database, clock);
        fleet.putStore(new Store("store-lijiacun", "李家村果蔬保鲜库", "某县/某镇/李家村"));
    }

    @AfterEach
    void close() {
        state.close();
        fleet.close();
    }

    @Test
    void storesAreListedByIdAndRenamedInPlace() {
        fleet.putStore(new Store("store-anle", "安乐村冷库", "某县/某镇/安乐村"));
        fleet.putStore(new Store("store-lijiacun", "李家村保鲜库（新）", "某县/某镇/李家村"));

        assertThat(fleet.stores()).containsExactly(new Store("store-anle", "安乐村冷库", "某县/某镇/安乐村"),
                new Store("store-lijiacun", "李家村保鲜库（新）", "某县/某镇/李家村"));
        assertThatThrownBy(() -> fleet.putStore(new Store("bad id!", "x", "y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad id!");
    }

    @Test
    void aRegisteredGatewayHasAWorkingSecretThatReRegistrationReplaces() {
        String first = fleet.registerGateway("gw-02", "store-lijiacun");
        String second = fleet.registerGateway("gw-02", "store-lijiacun");
        fleet.registerGateway("gw-01", "store-lijiacun");

        GatewayRecord record = fleet.gateway("gw-02").orElseThrow();
        assertThat(record.storeId()).isEqualTo("store-lijiacun");
        assertThat(Secrets.matches(second, record.secretSha256())).isTrue();
        assertThat(Secrets.matches(first, record.secretSha256())).isFalse();
        assertThat(fleet.gateways()).extracting(GatewayRecord::id).containsExactly("gw-01", "gw-02");
        assertThat(fleet.gateway("gw-unknown")).isEmpty();
    }

    @Test
    void registeringManyIsAllOrNothing() {
        Map<String, String> secrets = fleet.registerGateways(List.of("gw-b", "gw-a"), "store-lijiacun");

        assertThat(secrets).containsOnlyKeys("gw-b", "gw-a");
        assertThat(Secrets.matches(secrets.get("gw-a"), fleet.gateway("gw-a").orElseThrow().secretSha256())).isTrue();
        assertThatThrownBy(() -> fleet.registerGateways(List.of("gw-c", "gw-c"), "store-lijiacun"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> fleet.registerGateways(List.of("gw-d"), "no-such-store"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-store");
        assertThat(fleet.gateways()).extracting(GatewayRecord::id).containsExactly("gw-a", "gw-b");
    }

    @Test
    void aCodeIsExchangedOnceForAWorkingSecret() {
        IssuedCode issued = fleet.issueProvisioningCode("gw-lijiacun-01", "store-lijiacun", Duration.ofDays(3),
                Optional.of("ssl://county.example:8883"));

        ProvisionedGateway provisioned = fleet.redeemProvisioningCode(issued.code().toLowerCase(), "10.0.0.9");

        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(3)));
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
    void aCodeRedeemedThroughOneServerIsRefusedByAnotherSharingTheDatabase() throws Exception {
        IssuedCode issued = fleet.issueProvisioningCode("gw-1", "store-lijiacun", Duration.ofHours(1),
                Optional.empty());
        try (JdbcFleetRegistry otherServer = JdbcFleetRegistry.open(database, clock)) {
            String secret = otherServer.redeemProvisioningCode(issued.code(), "10.0.0.7").secret();

            assertThatThrownBy(() -> fleet.redeemProvisioningCode(issued.code(), "10.0.0.8"))
                    .isInstanceOfSatisfying(ProvisioningRefused.class,
                            e -> assertThat(e.reason()).isEqualTo(ProvisioningRefused.Reason.USED));
            assertThat(Secrets.matches(secret, fleet.gateway("gw-1").orElseThrow().secretSha256())).isTrue();
        }
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
        clock.add(Duration.ofHours(12).minusMillis(1));
        IssuedCode stillValid = fleet.issueProvisioningCode("gw-early", "store-lijiacun", Duration.ofMillis(2),
                Optional.empty());
        clock.add(Duration.ofMillis(1));

        assertThatThrownBy(() -> fleet.redeemProvisioningCode(issued.code(), "a"))
                .isInstanceOfSatisfying(ProvisioningRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ProvisioningRefused.Reason.EXPIRED));
        assertThat(fleet.gateway("gw-late")).isEmpty();
        assertThat(fleet.redeemProvisioningCode(stillValid.code(), "a").gatewayId()).isEqualTo("gw-early");
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

    @Test
    void settingsVersionsCountUpAcrossConnectionsSharingTheDatabase() throws Exception {
        fleet.registerGateway("gw-1", "store-lijiacun");

        GatewayState.Stored first = state.saveNextSettings("gw-1", version -> json("{\"version\":" + version + "}"));
        GatewayState.Stored third;
        try (JdbcGatewayState otherServer = JdbcGatewayState.open(database, clock)) {
            otherServer.saveNextSettings("gw-1", version -> json("{\"version\":" + version + "}"));
            clock.add(Duration.ofMinutes(1));
            third = state.saveNextSettings("gw-1", version -> json("{\"version\":" + version + "}"));
        }

        assertThat(first.version()).isEqualTo(1);
        assertThat(third.version()).isEqualTo(3);
        GatewayState.Stored stored = state.settings("gw-1").orElseThrow();
        assertThat(stored.version()).isEqualTo(3);
        assertThat(new String(stored.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"version\":3}");
        assertThat(stored.at()).isEqualTo(clock.instant());
        assertThat(state.settings("gw-other")).isEmpty();
    }

    @Test
    void invalidSettingsSaveNothing() {
        fleet.registerGateway("gw-1", "store-lijiacun");

        assertThatThrownBy(() -> state.saveNextSettings("gw-1", version -> {
            throw new IllegalArgumentException("alarm.highC: above the sensor's range");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(state.settings("gw-1")).isEmpty();
    }

    @Test
    void theLatestHealthReportReplacesTheOneBefore() {
        fleet.registerGateway("gw-1", "store-lijiacun");
        Instant later = Instant.parse("2026-12-03T02:05:00.123Z");

        state.saveHealth("gw-1", json("{\"uptimeS\":1}"), Instant.parse("2026-12-03T02:00:00Z"));
        state.saveHealth("gw-1", json("{\"uptimeS\":301,\"note\":\"冷库\"}"), later);

        GatewayState.Stored health = state.health("gw-1").orElseThrow();
        assertThat(new String(health.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"uptimeS\":301,\"note\":\"冷库\"}");
        assertThat(health.at()).isEqualTo(later);
        assertThat(state.health("gw-other")).isEmpty();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
