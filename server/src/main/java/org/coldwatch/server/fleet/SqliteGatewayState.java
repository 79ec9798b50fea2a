package org.coldwatch.server.fleet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import org.coldwatch.server.storage.SqliteFiles;
import org.coldwatch.server.storage.StorageException;

/** {@link GatewayState} in the fleet's SQLite file (tables of {@code db/meta/V2__gateway_settings.sql}). */
public final class SqliteGatewayState implements GatewayState {
    private final Connection connection;
    private final Clock clock;

    private SqliteGatewayState(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /**
     * Opens one more connection to the fleet file, which {@link SqliteFleetRegistry#open} has migrated.
     *
     * @throws SQLException if the file cannot be opened
     */
    public static SqliteGatewayState open(Path fleetFile, Clock clock) throws SQLException {
        return new SqliteGatewayState(SqliteFiles.open(fleetFile, SqliteFiles.Durability.FULL), clock);
    }

    @Override
    public synchronized Stored saveNextSettings(String gatewayId, LongFunction<byte[]> payloadOfVersion) {
        long next = settings(gatewayId).map(Stored::version).orElse(0L) + 1;
        byte[] payload = payloadOfVersion.apply(next);
        Instant now = clock.instant();
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO gateway_settings (gateway_id, version,"
                + " payload, updated_ms) VALUES (?, ?, ?, ?) ON CONFLICT (gateway_id) DO UPDATE SET"
                + " version = excluded.version, payload = excluded.payload, updated_ms = excluded.updated_ms")) {
            s.setString(1, gatewayId);
            s.setLong(2, next);
            s.setString(3, new String(payload, StandardCharsets.UTF_8));
            s.setLong(4, now.toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("saving settings of " + gatewayId + " failed", e);
        }
        return new Stored(next, payload, now);
    }

    @Override
    public synchronized Optional<Stored> settings(String gatewayId) {
        return query("SELECT version, payload, updated_ms FROM gateway_settings WHERE gateway_id = ?", gatewayId);
    }

    @Override
    public synchronized void saveHealth(String gatewayId, byte[] payload, Instant receivedAt) {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO gateway_health (gateway_id, received_ms,"
                + " payload) VALUES (?, ?, ?) ON CONFLICT (gateway_id) DO UPDATE SET"
                + " received_ms = excluded.received_ms, payload = excluded.payload")) {
            s.setString(1, gatewayId);
            s.setLong(2, receivedAt.toEpochMilli());
            s.setString(3, new String(payload, StandardCharsets.UTF_8));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("saving health of " + gatewayId + " failed", e);
        }
    }

    @Override
    public synchronized Optional<Stored> health(String gatewayId) {
        return query("SELECT 0, payload, received_ms FROM gateway_health WHERE gateway_id = ?", gatewayId);
    }

    private Optional<Stored> query(String sql, String gatewayId) {
        try (PreparedStatement q = connection.prepareStatement(sql)) {
            q.setString(1, gatewayId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getLong(1),
                        rs.getString(2).getBytes(StandardCharsets.UTF_8), Instant.ofEpochMilli(rs.getLong(3))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("reading the state of " + gatewayId + " failed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("closing the gateway state failed", e);
        }
    }
}
