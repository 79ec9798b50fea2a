package org.coldwatch.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.server.testing.PostgresServer;
import org.junit.jupiter.api.Test;

class MetaDatabasePostgresIT {

    @Test
    void theSharedMigrationsBuildTheSchemaOnPostgresqlWithTimesAsBigint() throws Exception {
        long pid;
        try (PostgresServer postgres = PostgresServer.start()) {
            pid = postgres.pid();
            MetaDatabase db = MetaDatabase.of(new MetaDbSettings(postgres.newDatabase(), postgres.username(), ""));

            db.migrate();
            db.migrate();

            try (Connection c = db.connect()) {
                assertThat(columnTypes(c, "gateway")).contains("created_ms bigint");
                assertThat(columnTypes(c, "provisioning_code"))
                        .contains("issued_ms bigint", "expires_ms bigint", "used_ms bigint");
                assertThat(columnTypes(c, "gateway_settings")).contains("version bigint", "updated_ms bigint");
                assertThat(columnTypes(c, "gateway_health")).contains("received_ms bigint");
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT max(version), count(*) FROM flyway_schema_history"
                             + " WHERE success")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("4");
                    assertThat(rs.getInt(2)).isEqualTo(4);
                }
            }
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("postmaster after close").isNotEqualTo(
                java.util.Optional.of(true));
    }

    private static List<String> columnTypes(Connection c, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_name = ? ORDER BY ordinal_position")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return columns;
    }
}
