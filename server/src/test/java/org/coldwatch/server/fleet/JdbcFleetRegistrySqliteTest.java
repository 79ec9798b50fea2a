package org.coldwatch.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata contract on the embedded default: a SQLite file. */
class JdbcFleetRegistrySqliteTest extends FleetRegistryContract {
    @TempDir
    Path dir;

    @Override
    MetaDbSettings newDatabase() {
        return MetaDbSettings.sqlite(dir.resolve("fleet.db"));
    }

    @Test
    void aFleetFileOfTheSchemaBeforePostgresqlSupportUpgradesKeepingItsData() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("old-fleet.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/meta").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO store (id, name, region) VALUES ('store-old', '老冷库', '某县')");
            s.execute("INSERT INTO gateway (id, store_id, secret_sha256, created_ms)"
                    + " VALUES ('gw-old', 'store-old', 'abc', 1764720000000)");
        }

        try (JdbcFleetRegistry upgraded = JdbcFleetRegistry.open(
                MetaDatabase.of(new MetaDbSettings(url, "", "")), clock)) {
            assertThat(upgraded.gateway("gw-old")).contains(new GatewayRecord("gw-old", "store-old", "abc"));
        }
    }
}
