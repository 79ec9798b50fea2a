package org.coldwatch.server.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections to the metadata database and migrates it with Flyway: the shared migrations in
 * {@code db/meta}, plus {@code db/<vendor>/meta} for the few statements whose types differ between SQLite and
 * PostgreSQL. SQLite connections get the same pragmas as the server's other embedded files (WAL, fsync at every
 * commit, a busy timeout, foreign keys).
 */
public final class MetaDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(MetaDatabase.class);
    private static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;

    private final MetaDbSettings settings;

    private MetaDatabase(MetaDbSettings settings) {
        this.settings = settings;
    }

    /** The database these settings describe; nothing is opened yet. */
    public static MetaDatabase of(MetaDbSettings settings) {
        return new MetaDatabase(settings);
    }

    /** The settings (their {@code toString} masks the password). */
    public MetaDbSettings settings() {
        return settings;
    }

    /**
     * Brings the database to the newest schema.
     *
     * @throws org.flywaydb.core.api.FlywayException if it cannot be reached or a migration fails
     */
    public void migrate() {
        var result = Flyway.configure()
                .dataSource(settings.url(), blankToNull(settings.username()), blankToNull(settings.password()))
                .locations("classpath:db/meta", "classpath:db/" + settings.vendor().folder() + "/meta")
                .load().migrate();
        LOG.info("meta: migrated vendor={} url={} applied={} schema={}", settings.vendor(), settings.urlForLogs(),
                result.migrationsExecuted, result.targetSchemaVersion);
    }

    /**
     * Opens a connection to the migrated database.
     *
     * @throws SQLException if the database cannot be reached
     */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (!settings.username().isEmpty()) {
            properties.setProperty("user", settings.username());
        }
        if (!settings.password().isEmpty()) {
            properties.setProperty("password", settings.password());
        }
        Connection c = DriverManager.getConnection(settings.url(), properties);
        if (settings.vendor() == MetaDbSettings.Vendor.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=" + SQLITE_BUSY_TIMEOUT_MS);
                s.execute("PRAGMA foreign_keys=ON");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
