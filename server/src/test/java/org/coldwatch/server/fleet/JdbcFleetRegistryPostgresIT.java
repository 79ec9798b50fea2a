package org.coldwatch.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.coldwatch.server.storage.StorageException;
import org.coldwatch.server.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The metadata contract on a real PostgreSQL 15 started for this class, one new database per test. */
class JdbcFleetRegistryPostgresIT extends FleetRegistryContract {
    static PostgresServer postgres;
    String databaseName;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    MetaDbSettings newDatabase() throws Exception {
        String url = postgres.newDatabase();
        databaseName = url.substring(url.lastIndexOf('/') + 1);
        return new MetaDbSettings(url, postgres.username(), "");
    }

    @Test
    void worksAgainAfterTheDatabaseDroppedItsConnections() throws Exception {
        fleet.registerGateway("gw-1", "store-lijiacun");

        assertThat(postgres.terminateConnections(databaseName)).isEqualTo(2);

        assertThatThrownBy(() -> fleet.stores()).isInstanceOf(StorageException.class);
        assertThat(fleet.stores()).extracting(Store::id).containsExactly("store-lijiacun");
        byte[] health = "{\"uptimeS\":5}".getBytes(StandardCharsets.UTF_8);
        Instant at = Instant.parse("2026-12-03T02:00:00Z");
        assertThatThrownBy(() -> state.saveHealth("gw-1", health, at)).isInstanceOf(StorageException.class);
        state.saveHealth("gw-1", health, at);
        assertThat(state.health("gw-1")).isPresent();
    }

    @Test
    void serversRacingToRedeemOneCodeProvisionOneGatewayOnce() throws Exception {
        IssuedCode issued = fleet.issueProvisioningCode("gw-race", "store-lijiacun", Duration.ofHours(1),
                Optional.empty());
        int servers = 4;
        List<JdbcFleetRegistry> registries = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        try {
            for (int i = 0; i < servers; i++) {
                registries.add(JdbcFleetRegistry.open(database, clock));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (JdbcFleetRegistry registry : registries) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return registry.redeemProvisioningCode(issued.code(), "10.0.0.1").secret();
                    } catch (ProvisioningRefused e) {
                        return e.reason().name();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn("USED"::equals).hasSize(servers - 1);
            String secret = results.stream().filter(r -> !"USED".equals(r)).findFirst().orElseThrow();
            assertThat(Secrets.matches(secret, fleet.gateway("gw-race").orElseThrow().secretSha256())).isTrue();
        } finally {
            pool.shutdownNow();
            registries.forEach(JdbcFleetRegistry::close);
        }
    }

    @Test
    void serversChangingOneGatewaysSettingsAtOnceNeverRepeatAVersion() throws Exception {
        fleet.registerGateway("gw-1", "store-lijiacun");
        int servers = 2;
        int changesEach = 20;
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        List<JdbcGatewayState> states = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Long>>> outcomes = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                JdbcGatewayState server = JdbcGatewayState.open(database, clock);
                states.add(server);
                outcomes.add(pool.submit(() -> {
                    go.await();
                    List<Long> versions = new ArrayList<>();
                    for (int c = 0; c < changesEach; c++) {
                        versions.add(server.saveNextSettings("gw-1",
                                version -> ("{\"version\":" + version + "}").getBytes(StandardCharsets.UTF_8))
                                .version());
                    }
                    return versions;
                }));
            }
            go.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> outcome : outcomes) {
                all.addAll(outcome.get(60, TimeUnit.SECONDS));
            }

            assertThat(all).doesNotHaveDuplicates().hasSize(servers * changesEach)
                    .allMatch(v -> v >= 1 && v <= servers * changesEach);
            GatewayState.Stored last = state.settings("gw-1").orElseThrow();
            assertThat(last.version()).isEqualTo(servers * changesEach);
            assertThat(new String(last.payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"version\":" + servers * changesEach + "}");
        } finally {
            pool.shutdownNow();
            states.forEach(JdbcGatewayState::close);
        }
    }
}
