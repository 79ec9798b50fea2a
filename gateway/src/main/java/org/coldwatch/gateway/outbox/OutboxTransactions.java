package org.coldwatch.gateway.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's one connection and how work runs on it: each unit of work is one transaction, committed when it
 * returns and rolled back when it throws. SQLITE_FULL (disk full, or the file's page limit) is counted and thrown as
 * {@link OutboxFullException}; SQLite has rolled back by then, so nothing stored before is lost. Not thread-safe:
 * the outbox calls it under its monitor.
 */
final class OutboxTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxTransactions.class);
    private static final int SQLITE_FULL = 13;

    /** A unit of work on the connection. */
    interface Work<T> {
        T run() throws SQLException;
    }

    private final Connection db;
    private final Path file;
    private final SensorDictionary sensors;
    private final AtomicLong diskFullErrors = new AtomicLong();
    private boolean closed;

    OutboxTransactions(Connection db, Path file, SensorDictionary sensors) {
        this.db = db;
        this.file = file;
        this.sensors = sensors;
    }

    Connection connection() {
        return db;
    }

    long diskFullErrors() {
        return diskFullErrors.get();
    }

    <T> T run(String operation, Work<T> work) {
        if (closed) {
            throw new IllegalStateException("outbox " + file + " is closed");
        }
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException e) {
            rollBack(e);
            if ((e.getErrorCode() & 0xFF) == SQLITE_FULL) {
                diskFullErrors.incrementAndGet();
                LOG.error("outbox: file={} {} failed, disk or file limit full (SQLITE_FULL); rolled back, nothing"
                        + " stored is lost", file, operation);
                throw new OutboxFullException("outbox " + file + ": " + operation + " failed: disk full: "
                        + e.getMessage(), e);
            }
            throw new OutboxException("outbox " + file + ": " + operation + " failed: " + e.getMessage(), e);
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.close();
        } catch (SQLException e) {
            throw new OutboxException("outbox " + file + ": close failed: " + e.getMessage(), e);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Rolls back after {@code failure}. SQLite has already rolled back itself after some errors (SQLITE_FULL among
     * them); the driver then needs its transaction reopened. The sensor cache forgets entries of the lost work.
     */
    private void rollBack(SQLException failure) {
        try {
            db.rollback();
        } catch (SQLException alreadyRolledBack) {
            try (Statement st = db.createStatement()) {
                st.execute("BEGIN");
            } catch (SQLException reopenFailure) {
                failure.addSuppressed(reopenFailure);
            }
        }
        try {
            sensors.load(db);
            db.commit();
        } catch (SQLException reloadFailure) {
            failure.addSuppressed(reloadFailure);
        }
    }
}
