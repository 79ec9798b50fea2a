package org.coldwatch.server.fleet;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.coldwatch.server.storage.StorageException;

/** {@link GatewayState} in the metadata database (tables of {@code db/meta/V2__gateway_settings.sql}). */
public final class JdbcGatewayState implements GatewayState {
    private static final int MAX_SETTINGS_ATTEMPTS = 50;
    private static final String SAVE_NEXT_SETTINGS = "INSERT INTO gateway_settings (gateway_id, version, payload,"
            + " updated_ms) VALUES (?, ?, ?, ?) ON CONFLICT (gateway_id) DO UPDATE SET version = excluded.version,"
            + " payload = excluded.payload, updated_ms = excluded.updated_ms"
            + " WHERE gateway_settings.version = excluded.version - 1";
    private final ReopeningConnection connection;
    private final Clock clock;

    private JdbcGatewayState(ReopeningConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /**
     * Opens one more connection to the metadata database, which {@link JdbcFleetRegistry#open} has migrated.
     *
     * @throws SQLException if the database cannot be reached
     */
    public static JdbcGatewayState open(MetaDatabase database, Clock clock) throws SQLException {
        return new JdbcGatewayState(new ReopeningConnection(database), clock);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Safe also between servers sharing one database: the row is written only if it still holds the version this
     * one follows (a conditional upsert); if another server got there first, the payload is asked for again with the
     * version after that one.
     */
    @Override
    public synchronized Stored saveNextSettings(String gatewayId, LongFunction<byte[]> payloadOfVersion) {
        for (int attempt = 0; attempt < MAX_SETTINGS_ATTEMPTS; attempt++) {
            long next = settings(gatewayId).map(Stored::version).orElse(0L) + 1;
            byte[] payload = payloadOfVersion.apply(next);
            Instant now = clock.instant();
            try (PreparedStatement s = connection.get().prepareStatement(SAVE_NEXT_SETTINGS)) {
                s.setString(1, gatewayId);
                s.setLong(2, next);
                s.setString(3, new String(payload, StandardCharsets.UTF_8));
                s.setLong(4, now.toEpochMilli());
                if (s.executeUpdate() == 1) {
                    return new Stored(next, payload, now);
                }
            } catch (SQLException e) {
                connection.failed(e);
                throw new StorageException("saving settings of " + gatewayId + " failed", e);
            }
            // another server saved that version first: back off a random while, so two never keep colliding
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(
                    ThreadLocalRandom.current().nextLong(200, 1_000L * (attempt + 1))));
        }
        throw new StorageException("saving settings of " + gatewayId + " failed: " + MAX_SETTINGS_ATTEMPTS
                + " concurrent changes in a row", null);
    }

    @Override
    public synchronized Optional<Stored> settings(String gatewayId) {
        return query("SELECT version, payload, updated_ms FROM gateway_settings WHERE gateway_id = ?", gatewayId);
    }

    @Override
    public synchronized void saveHealth(String gatewayId, byte[] payload, Instant receivedAt) {
        try (PreparedStatement s = connection.get().prepareStatement("INSERT INTO gateway_health (gateway_id,"
                + " received_ms, payload) VALUES (?, ?, ?) ON CONFLICT (gateway_id) DO UPDATE SET"
                + " received_ms = excluded.received_ms, payload = excluded.payload")) {
            s.setString(1, gatewayId);
            s.setLong(2, receivedAt.toEpochMilli());
            s.setString(3, new String(payload, StandardCharsets.UTF_8));
            s.executeUpdate();
        } catch (SQLException e) {
            connection.failed(e);
            throw new StorageException("saving health of " + gatewayId + " failed", e);
        }
    }

    @Override
    public synchronized Optional<Stored> health(String gatewayId) {
        return query("SELECT 0, payload, received_ms FROM gateway_health WHERE gateway_id = ?", gatewayId);
    }

    private Optional<Stored> query(String sql, String gatewayId) {
        try (PreparedStatement q = connection.get().prepareStatement(sql)) {
            q.setString(1, gatewayId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getLong(1),
                        rs.getString(2).getBytes(StandardCharsets.UTF_8), Instant.ofEpochMilli(rs.getLong(3))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            connection.failed(e);
            throw new StorageException("reading the state of " + gatewayId + " failed", e);
        }
    }

    @Override
    public synchronized void close() {
        connection.close();
    }
}
