package org.coldwatch.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
}
