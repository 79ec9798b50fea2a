package org.coldwatch.server.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coldwatch.protocol.Limits;
import org.coldwatch.server.storage.StorageException;

/**
 * The fleet registry in the metadata database ({@link MetaDatabase}: SQLite by default, or PostgreSQL), migrated by
 * Flyway. The SQL is portable between the two: upserts with {@code ON CONFLICT}, a code is redeemed by a conditional
 * {@code UPDATE} so that two servers sharing one PostgreSQL database cannot both redeem it.
 */
public final class JdbcFleetRegistry implements FleetRegistry {
    private static final String UPSERT_GATEWAY = "INSERT INTO gateway (id, store_id, secret_sha256, created_ms)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET store_id = excluded.store_id,"
            + " secret_sha256 = excluded.secret_sha256";

    private final ReopeningConnection connection;
    private final Clock clock;

    private JdbcFleetRegistry(ReopeningConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /**
     * Opens the registry in {@code database}, creating and migrating the schema if needed.
     *
     * @throws SQLException if the database cannot be reached
     * @throws org.flywaydb.core.api.FlywayException if a migration fails
     */
    public static JdbcFleetRegistry open(MetaDatabase database, Clock clock) throws SQLException {
        database.migrate();
        return new JdbcFleetRegistry(new ReopeningConnection(database), clock);
    }

    @Override
    public synchronized void putStore(Store store) {
        if (!Limits.isValidId(store.id())) {
            throw new IllegalArgumentException("store id '" + store.id() + "' is not a valid id");
        }
        try (PreparedStatement s = connection.get().prepareStatement("INSERT INTO store (id, name, region)"
                + " VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, region = excluded.region")) {
            s.setString(1, store.id());
            s.setString(2, store.name());
            s.setString(3, store.region());
            s.executeUpdate();
        } catch (SQLException e) {
            connection.failed(e);
            throw new StorageException("saving store " + store.id() + " failed", e);
        }
    }

    @Override
    public synchronized String registerGateway(String gatewayId, String storeId) {
        return registerGateways(List.of(gatewayId), storeId).get(gatewayId);
    }

    @Override
    public synchronized Map<String, String> registerGateways(List<String> gatewayIds, String storeId) {
        Set<String> unique = new HashSet<>();
        for (String gatewayId : gatewayIds) {
            if (!Limits.isValidId(gatewayId)) {
                throw new IllegalArgumentException("gateway id '" + gatewayId + "' is not a valid id");
            }
            if (!unique.add(gatewayId)) {
                throw new IllegalArgumentException("gateway id '" + gatewayId + "' is given twice");
            }
        }
        requireStore(storeId);
        Map<String, String> secrets = new LinkedHashMap<>();
        try {
            Connection c = connection.get();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(UPSERT_GATEWAY)) {
                long now = clock.millis();
                for (String gatewayId : gatewayIds) {
                    String secret = Secrets.newSecret();
                    s.setString(1, gatewayId);
                    s.setString(2, storeId);
                    s.setString(3, Secrets.hash(secret));
                    s.setLong(4, now);
                    s.addBatch();
                    secrets.put(gatewayId, secret);
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            connection.failed(e);
            throw new StorageException("registering " + gatewayIds.size() + " gateways failed", e);
        }
        return secrets;
    }

    @Override
    public synchronized IssuedCode issueProvisioningCode(String gatewayId, String storeId, Duration validFor,
                                                         Optional<String> mqttUri) {
        if (!Limits.isValidId(gatewayId)) {
            throw new IllegalArgumentException("gateway id '" + gatewayId + "' is not a valid id");
        }
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("a code must be valid for a positive time, was " + validFor);
        }
        requireStore(storeId);
        String code = ProvisioningCode.generate();
        Instant now = clock.instant();
        Instant expires = now.plus(validFor);
        try (PreparedStatement s = connection.get().prepareStatement("INSERT INTO provisioning_code (code_sha256,"
                + " gateway_id, store_id, mqtt_uri, issued_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, ProvisioningCode.hash(ProvisioningCode.normalize(code).orElseThrow()));
            s.setString(2, gatewayId);
            s.setString(3, storeId);
            s.setString(4, mqttUri.orElse(null));
            s.setLong(5, now.toEpochMilli());
            s.setLong(6, expires.toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            connection.failed(e);
            throw new StorageException("issuing a provisioning code for " + gatewayId + " failed", e);
        }
        return new IssuedCode(code, gatewayId, storeId, mqttUri, expires);
    }

    @Override
    public synchronized ProvisionedGateway redeemProvisioningCode(String typedCode, String usedFrom) {
        Optional<String> canonical = ProvisioningCode.normalize(typedCode);
        if (canonical.isEmpty()) {
            throw new ProvisioningRefused(ProvisioningRefused.Reason.UNKNOWN);
        }
        String hash = ProvisioningCode.hash(canonical.get());
        try {
            Connection c = connection.get();
            c.setAutoCommit(false);
            try {
                ProvisionedGateway provisioned = redeemInTransaction(c, hash, usedFrom);
                c.commit();
                return provisioned;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            connection.failed(e);
            throw new StorageException("redeeming a provisioning code failed", e);
        }
    }

    private ProvisionedGateway redeemInTransaction(Connection c, String hash, String usedFrom)
            throws SQLException {
        String gatewayId;
        String storeId;
        Optional<String> mqttUri;
        try (PreparedStatement q = c.prepareStatement("SELECT gateway_id, store_id, mqtt_uri, expires_ms,"
                + " used_ms FROM provisioning_code WHERE code_sha256 = ?")) {
            q.setString(1, hash);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new ProvisioningRefused(ProvisioningRefused.Reason.UNKNOWN);
                }
                rs.getLong(5);
                if (!rs.wasNull()) {
                    throw new ProvisioningRefused(ProvisioningRefused.Reason.USED);
                }
                if (clock.millis() >= rs.getLong(4)) {
                    throw new ProvisioningRefused(ProvisioningRefused.Reason.EXPIRED);
                }
                gatewayId = rs.getString(1);
                storeId = rs.getString(2);
                mqttUri = Optional.ofNullable(rs.getString(3));
            }
        }
        long now = clock.millis();
        try (PreparedStatement u = c.prepareStatement("UPDATE provisioning_code SET used_ms = ?,"
                + " used_from = ? WHERE code_sha256 = ? AND used_ms IS NULL")) {
            u.setLong(1, now);
            u.setString(2, usedFrom);
            u.setString(3, hash);
            if (u.executeUpdate() != 1) {
                throw new ProvisioningRefused(ProvisioningRefused.Reason.USED);
            }
        }
        String secret = Secrets.newSecret();
        try (PreparedStatement s = c.prepareStatement(UPSERT_GATEWAY)) {
            s.setString(1, gatewayId);
            s.setString(2, storeId);
            s.setString(3, Secrets.hash(secret));
            s.setLong(4, now);
            s.executeUpdate();
        }
        return new ProvisionedGateway(gatewayId, storeId, secret, mqttUri);
    }

    private void requireStore(String storeId) {
        if (stores().stream().noneMatch(s -> s.id().equals(storeId))) {
            throw new IllegalArgumentException("store '" + storeId + "' does not exist; add it first");
        }
    }

    @Override
    public synchronized Optional<GatewayRecord> gateway(String gatewayId) {
        try (PreparedStatement q = connection.get().prepareStatement(
                "SELECT id, store_id, secret_sha256 FROM gateway WHERE id = ?")) {
            q.setString(1, gatewayId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new GatewayRecord(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            connection.failed(e);
            throw new StorageException("looking up gateway " + gatewayId + " failed", e);
        }
    }

    @Override
    public synchronized List<Store> stores() {
        return list("SELECT id, name, region FROM store ORDER BY id",
                rs -> new Store(rs.getString(1), rs.getString(2), rs.getString(3)), "listing stores");
    }

    @Override
    public synchronized List<GatewayRecord> gateways() {
        return list("SELECT id, store_id, secret_sha256 FROM gateway ORDER BY id",
                rs -> new GatewayRecord(rs.getString(1), rs.getString(2), rs.getString(3)), "listing gateways");
    }

    /** One row of a result set as a value. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private <T> List<T> list(String sql, RowMapper<T> mapper, String what) {
        List<T> rows = new ArrayList<>();
        try (Statement s = connection.get().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
        } catch (SQLException e) {
            connection.failed(e);
            throw new StorageException(what + " failed", e);
        }
        return rows;
    }

    @Override
    public synchronized void close() {
        connection.close();
    }
}
