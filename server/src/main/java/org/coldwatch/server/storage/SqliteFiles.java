package org.coldwatch.server.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** How the server opens its embedded SQLite files: migrated by Flyway, WAL journal, a busy timeout, foreign keys. */
public final class SqliteFiles {

    /** How much a commit waits for the disk. */
    public enum Durability {
        /** fsync at every commit: what an acknowledgement promises. */
        FULL,
        /** fsync at checkpoints: survives a crash of the process, may lose the last commits on power loss. */
        NORMAL
    }

    private SqliteFiles() {
    }

    /**
     * Brings {@code file} to the newest schema of {@code migrations} (a classpath folder such as {@code db/meta})
     * and opens a connection to it.
     *
     * @throws SQLException if the file cannot be opened or migrated
     */
    public static Connection migrateAndOpen(Path file, String migrations, Durability durability)
            throws SQLException {
        Flyway.configure().dataSource(url(file), null, null).locations("classpath:" + migrations).load().migrate();
        return open(file, durability);
    }

    /**
     * Opens one more connection to an already migrated file.
     *
     * @throws SQLException if the file cannot be opened
     */
    public static Connection open(Path file, Durability durability) throws SQLException {
        Connection c = DriverManager.getConnection(url(file));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + durability.name());
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA foreign_keys=ON");
        }
        return c;
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }
}
