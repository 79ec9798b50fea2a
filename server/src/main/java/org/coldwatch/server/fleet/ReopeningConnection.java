package org.coldwatch.server.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the metadata database that is opened again on the next use after it broke (PostgreSQL
 * restarted, a network cut, the backend terminated): the call that met the break fails, the ones after it work
 * again without restarting the server. Not thread-safe; its owner serialises calls.
 */
final class ReopeningConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReopeningConnection.class);
    private static final int VALIDATION_TIMEOUT_S = 2;

    private final MetaDatabase database;
    private Connection connection;

    ReopeningConnection(MetaDatabase database) throws SQLException {
        this.database = database;
        this.connection = database.connect();
    }

    /** The open connection, opened again first if the last one broke. */
    Connection get() throws SQLException {
        if (connection == null) {
            connection = database.connect();
            LOG.info("meta: reconnected url={}", database.settings().urlForLogs());
        }
        return connection;
    }

    /** Called with every failure: forgets the connection if it is broken, so that {@link #get()} opens a new one. */
    void failed(SQLException cause) {
        if (connection == null) {
            return;
        }
        String state = cause.getSQLState();
        boolean broken = state != null && state.startsWith("08");
        try {
            broken = broken || !connection.isValid(VALIDATION_TIMEOUT_S);
        } catch (SQLException e) {
            broken = true;
        }
        if (broken) {
            LOG.warn("meta: connection lost url={} sqlState={} error={}", database.settings().urlForLogs(), state,
                    cause.getMessage());
            close();
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("meta: closing a connection failed error={}", e.getMessage());
            }
            connection = null;
        }
    }
}
