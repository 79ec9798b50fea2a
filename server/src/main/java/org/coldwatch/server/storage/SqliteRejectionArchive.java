package org.coldwatch.server.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.coldwatch.server.ingest.RejectReason;
import org.coldwatch.server.ingest.Rejection;
import org.coldwatch.server.ingest.RejectionArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refusals in their own SQLite file ({@code rejections.db}), written by one background thread and trimmed to the
 * newest {@code retained} rows, so a gateway that floods bad input cannot fill the disk of the reading store.
 */
public final class SqliteRejectionArchive implements RejectionArchive {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteRejectionArchive.class);
    private static final int TRIM_EVERY = 1_000;

    private final Connection connection;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sqlite-rejection-writer");
        t.setDaemon(true);
        return t;
    });
    private final int retained;
    private long insertsSinceTrim;

    private SqliteRejectionArchive(Path file, int retained) throws SQLException {
        // NORMAL: refusals are diagnostics, not acknowledged data; a power cut may cost the last few.
        connection = SqliteFiles.migrateAndOpen(file, "db/rejections", SqliteFiles.Durability.NORMAL);
        this.retained = retained;
    }

    /**
     * Opens (creating and migrating if needed) the archive in {@code file}.
     *
     * @param retained how many of the newest refusals to keep
     * @throws SQLException if the file cannot be opened or migrated
     */
    public static SqliteRejectionArchive open(Path file, int retained) throws SQLException {
        return new SqliteRejectionArchive(file, retained);
    }

    @Override
    public void keep(Rejection rejection, byte[] payload) {
        writer.execute(() -> insert(rejection, payload));
    }

    private synchronized void insert(Rejection r, byte[] payload) {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO rejection (at_ms, gateway_id, reason, detail, payload) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, r.at().toEpochMilli());
            s.setString(2, r.gatewayId());
            s.setString(3, r.reason().name());
            s.setString(4, r.detail());
            s.setBytes(5, payload);
            s.executeUpdate();
            if (++insertsSinceTrim >= TRIM_EVERY) {
                insertsSinceTrim = 0;
                try (PreparedStatement trim = connection.prepareStatement(
                        "DELETE FROM rejection WHERE id <= (SELECT max(id) FROM rejection) - ?")) {
                    trim.setInt(1, retained);
                    trim.executeUpdate();
                }
            }
        } catch (SQLException e) {
            LOG.error("rejections: archiving a refusal of gateway={} failed: {}", r.gatewayId(), e.getMessage());
        }
    }

    @Override
    public synchronized List<Rejection> recent(int limit) {
        List<Rejection> list = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT id, at_ms, gateway_id, reason, detail,"
                + " coalesce(length(payload), -1) FROM rejection ORDER BY id DESC LIMIT ?")) {
            q.setInt(1, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    list.add(new Rejection(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            RejectReason.valueOf(rs.getString(4)), rs.getString(5), rs.getInt(6)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("listing refusals failed", e);
        }
        return list;
    }

    @Override
    public synchronized Optional<byte[]> payload(long id) {
        try (PreparedStatement q = connection.prepareStatement("SELECT payload FROM rejection WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("reading a refused payload failed", e);
        }
    }

    /** Waits for pending writes (tests and shutdown). */
    public void flush() {
        try {
            writer.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new StorageException("flushing the rejection archive failed", e);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("rejections: closing failed: {}", e.getMessage());
            }
        }
    }
}
