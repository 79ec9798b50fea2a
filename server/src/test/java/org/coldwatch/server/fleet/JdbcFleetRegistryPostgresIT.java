package org.coldwatch.server.fleet;

import org.coldwatch.server.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The metadata contract on a real PostgreSQL 15 started for this class, one new database per test. */
class JdbcFleetRegistryPostgresIT extends FleetRegistryContract {
    static PostgresServer postgres;

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
        return new MetaDbSettings(postgres.newDatabase(), postgres.username(), "");
    }
}
