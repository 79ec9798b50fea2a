package org.coldwatch.gateway.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox file's tables, versioned with {@code PRAGMA user_version}.
 *
 * <p>Version 1 is compact, about 30 B per pending reading on disk: a {@code sensor} dictionary maps each
 * (sensor id, kind) to a small integer, so a {@code pending} row holds only that integer, the value, the measured time
 * in ms since 1970, a time state (0 synced, 1 unsynced this boot, 2 corrected, 3 unsynced for good — SQLite stores
 * 0 and 1 in the row header alone) and, only for unsynced readings, a monotonic time. No secondary index: pending is
 * read in id order, which is append order. Readings are encoded to JSON only when sealed, just before sending.
 *
 * <p>Version 0 (no {@code user_version}) stored the sensor id and kind as text in every pending row; it is migrated
 * in one transaction, keeping every reading, every sealed batch's bytes and the last issued seq.
 */
final class OutboxSchema {
    static final int VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSchema.class);

    private static final String[] V1 = {
        "CREATE TABLE IF NOT EXISTS sensor (ref INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,"
                + " UNIQUE (name, kind))",
        "CREATE TABLE IF NOT EXISTS pending (id INTEGER PRIMARY KEY AUTOINCREMENT, sensor_ref INTEGER NOT NULL,"
                + " value REAL NOT NULL, time_ms INTEGER NOT NULL, time_state INTEGER NOT NULL DEFAULT 0,"
                + " mono_ms INTEGER)",
        "CREATE TABLE IF NOT EXISTS sealed (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL,"
                + " reading_count INTEGER NOT NULL, oldest_ms INTEGER NOT NULL, created_ms INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS quarantine (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL,"
                + " reading_count INTEGER NOT NULL, reason_code INTEGER NOT NULL, reason TEXT NOT NULL,"
                + " quarantined_ms INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL,"
                + " thinned INTEGER NOT NULL DEFAULT 0, boot_id TEXT)",
        "INSERT OR IGNORE INTO meta (id, last_seq) VALUES (1, 0)",
    };

    private static final String[] MIGRATE_V0 = {
        "ALTER TABLE pending RENAME TO pending_v0",
        "INSERT OR IGNORE INTO sensor (name, kind) SELECT DISTINCT sensor, kind FROM pending_v0",
        "CREATE TABLE pending (id INTEGER PRIMARY KEY AUTOINCREMENT, sensor_ref INTEGER NOT NULL,"
                + " value REAL NOT NULL, time_ms INTEGER NOT NULL, time_state INTEGER NOT NULL DEFAULT 0,"
                + " mono_ms INTEGER)",
        "INSERT INTO pending (id, sensor_ref, value, time_ms) SELECT p.id, s.ref, p.value, p.time_ms"
                + " FROM pending_v0 p JOIN sensor s ON s.name = p.sensor AND s.kind = p.kind ORDER BY p.id",
        "DROP TABLE pending_v0",
        "ALTER TABLE meta ADD COLUMN thinned INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE meta ADD COLUMN boot_id TEXT",
    };

    private OutboxSchema() {
    }

    /** Creates or migrates the tables to {@link #VERSION}, in one transaction. The connection is in auto-commit. */
    static void prepare(Connection db, String file) throws SQLException {
        int version = userVersion(db);
        if (version > VERSION) {
            throw new SQLException("outbox file has schema version " + version + "; this gateway knows up to "
                    + VERSION + " (was it written by a newer gateway?)");
        }
        if (version == VERSION) {
            return;
        }
        try (Statement st = db.createStatement()) {
            st.executeUpdate("BEGIN IMMEDIATE");
            try {
                boolean old = hasColumn(st, "pending", "sensor");
                if (old) {
                    long readings = count(st, "pending");
                    st.executeUpdate(V1[0]);
                    for (String sql : MIGRATE_V0) {
                        st.executeUpdate(sql);
                    }
                    LOG.info("outbox: file={} migrated from schema 0 to {}: {} pending readings kept", file,
                            VERSION, readings);
                }
                for (String sql : V1) {
                    st.executeUpdate(sql);
                }
                st.executeUpdate("PRAGMA user_version = " + VERSION);
                st.executeUpdate("COMMIT");
            } catch (SQLException e) {
                st.executeUpdate("ROLLBACK");
                throw e;
            }
        }
    }

    static int userVersion(Connection db) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean hasColumn(Statement st, String table, String column) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                if (column.equals(rs.getString("name"))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
