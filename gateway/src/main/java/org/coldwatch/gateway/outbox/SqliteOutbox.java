package org.coldwatch.gateway.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.sqlite.SQLiteConfig;

/**
 * {@link Outbox} in one SQLite file, written so that a power cut at any instant loses nothing that was acknowledged to
 * the caller: WAL journal, {@code synchronous=FULL}, and every operation one committed transaction.
 *
 * <p>Readings wait in {@code pending}. Sealing moves the oldest of them into one row of {@code sealed} holding the
 * encoded payload, and takes the next sequence number from {@code meta}, all in one transaction: a reading is never
 * in two places, a batch's bytes never change, and a seq is never issued twice, also after all batches were
 * acknowledged and the file reopened. Acknowledging deletes the batch; a refusal moves it to {@code quarantine}.
 *
 * <p>One connection, guarded by this object's monitor: the gateway's write rate is tiny and SQLite serialises writers
 * anyway.
 */
public final class SqliteOutbox implements Outbox {
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS pending (id INTEGER PRIMARY KEY AUTOINCREMENT, sensor TEXT NOT NULL,"
                + " kind TEXT NOT NULL, value REAL NOT NULL, time_ms INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS sealed (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL,"
                + " reading_count INTEGER NOT NULL, oldest_ms INTEGER NOT NULL, created_ms INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS quarantine (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL,"
                + " reading_count INTEGER NOT NULL, reason_code INTEGER NOT NULL, reason TEXT NOT NULL,"
                + " quarantined_ms INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL)",
        "INSERT OR IGNORE INTO meta (id, last_seq) VALUES (1, 0)",
    };

    private final Connection db;
    private final Path file;
    private final String gatewayId;
    private final int maxReadingsPerBatch;
    private final Clock clock;
    private boolean closed;

    private SqliteOutbox(Connection db, Path file, String gatewayId, int maxReadingsPerBatch, Clock clock) {
        this.db = db;
        this.file = file;
        this.gatewayId = gatewayId;
        this.maxReadingsPerBatch = maxReadingsPerBatch;
        this.clock = clock;
    }

    /**
     * Opens (creating if needed, with its parent folders) the outbox file.
     *
     * @param gatewayId           written into every batch sealed from now on
     * @param maxReadingsPerBatch 1 … {@link Limits#MAX_READINGS_PER_BATCH}
     * @throws OutboxException if the file cannot be opened or is not an outbox
     */
    public static SqliteOutbox open(Path file, String gatewayId, int maxReadingsPerBatch, Clock clock) {
        if (maxReadingsPerBatch < 1 || maxReadingsPerBatch > Limits.MAX_READINGS_PER_BATCH) {
            throw new IllegalArgumentException("maxReadingsPerBatch: must be 1…" + Limits.MAX_READINGS_PER_BATCH
                    + ", was " + maxReadingsPerBatch);
        }
        if (!Limits.isValidId(gatewayId)) {
            throw new IllegalArgumentException("gatewayId: '" + gatewayId + "' is not a valid id");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = db.createStatement()) {
                for (String sql : SCHEMA) {
                    st.executeUpdate(sql);
                }
            }
            db.setAutoCommit(false);
            return new SqliteOutbox(db, file, gatewayId, maxReadingsPerBatch, clock);
        } catch (SQLException | java.io.IOException e) {
            throw new OutboxException("outbox " + file + ": cannot open: " + e.getMessage(), e);
        }
    }

    /** The file this outbox lives in. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(List<Reading> readings) {
        for (Reading r : readings) {
            ReadingCheck.problem(r).ifPresent(p -> {
                throw new IllegalArgumentException("reading refused: " + p);
            });
        }
        if (readings.isEmpty()) {
            return;
        }
        inTransaction("append", () -> {
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO pending (sensor, kind, value, time_ms) VALUES (?, ?, ?, ?)")) {
                for (Reading r : readings) {
                    insert.setString(1, r.sensorId());
                    insert.setString(2, r.kind().wireName());
                    insert.setDouble(3, r.value());
                    insert.setLong(4, r.measuredAt().toEpochMilli());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public synchronized List<SealedBatch> nextToSend(long afterSeq, int maxBatches) {
        if (maxBatches < 1) {
            throw new IllegalArgumentException("maxBatches: must be at least 1, was " + maxBatches);
        }
        return inTransaction("nextToSend", () -> {
            List<SealedBatch> batches = selectSealed(afterSeq, maxBatches);
            while (batches.size() < maxBatches) {
                Optional<SealedBatch> sealed = sealOldestPending();
                if (sealed.isEmpty()) {
                    break;
                }
                batches.add(sealed.get());
            }
            return batches;
        });
    }

    @Override
    public synchronized void acknowledge(long seq) {
        inTransaction("acknowledge", () -> {
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM sealed WHERE seq = ?")) {
                delete.setLong(1, seq);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized void quarantine(long seq, int reasonCode, String reason) {
        inTransaction("quarantine", () -> {
            try (PreparedStatement move = db.prepareStatement(
                    "INSERT OR REPLACE INTO quarantine (seq, payload, reading_count, reason_code, reason, quarantined_ms)"
                            + " SELECT seq, payload, reading_count, ?, ?, ? FROM sealed WHERE seq = ?");
                 PreparedStatement delete = db.prepareStatement("DELETE FROM sealed WHERE seq = ?")) {
                move.setInt(1, reasonCode);
                move.setString(2, reason == null ? "" : reason);
                move.setLong(3, clock.millis());
                move.setLong(4, seq);
                move.executeUpdate();
                delete.setLong(1, seq);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized long depth() {
        return inTransaction("depth", () -> queryLong("SELECT (SELECT COUNT(*) FROM pending)"
                + " + (SELECT COALESCE(SUM(reading_count), 0) FROM sealed)"));
    }

    @Override
    public synchronized Optional<Instant> oldestUnsent() {
        return inTransaction("oldestUnsent", () -> {
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MIN(t) FROM (SELECT MIN(time_ms) AS t FROM pending"
                         + " UNION ALL SELECT MIN(oldest_ms) FROM sealed)")) {
                rs.next();
                long millis = rs.getLong(1);
                return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(millis));
            }
        });
    }

    @Override
    public synchronized long quarantinedCount() {
        return inTransaction("quarantinedCount", () -> queryLong("SELECT COUNT(*) FROM quarantine"));
    }

    @Override
    public synchronized void close() {
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

    private List<SealedBatch> selectSealed(long afterSeq, int limit) throws SQLException {
        List<SealedBatch> batches = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(
                "SELECT seq, payload, reading_count FROM sealed WHERE seq > ? ORDER BY seq LIMIT ?")) {
            select.setLong(1, afterSeq);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    batches.add(new SealedBatch(rs.getLong(1), rs.getBytes(2), rs.getInt(3)));
                }
            }
        }
        return batches;
    }

    /** Moves the oldest pending readings into a new batch under the next seq; empty if nothing is pending. */
    private Optional<SealedBatch> sealOldestPending() throws SQLException {
        List<Reading> readings = new ArrayList<>();
        long lastId = 0;
        long oldestMs = Long.MAX_VALUE;
        try (PreparedStatement select = db.prepareStatement(
                "SELECT id, sensor, kind, value, time_ms FROM pending ORDER BY id LIMIT ?")) {
            select.setInt(1, maxReadingsPerBatch);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lastId = rs.getLong(1);
                    String kindName = rs.getString(3);
                    ReadingKind kind = ReadingKind.fromWireName(kindName).orElseThrow(() -> new SQLException(
                            "pending reading has unknown kind '" + kindName + "'"));
                    long timeMs = rs.getLong(5);
                    oldestMs = Math.min(oldestMs, timeMs);
                    readings.add(Reading.of(rs.getString(2), kind, rs.getDouble(4), Instant.ofEpochMilli(timeMs)));
                }
            }
        }
        if (readings.isEmpty()) {
            return Optional.empty();
        }
        long seq = queryLong("SELECT last_seq FROM meta WHERE id = 1") + 1;
        byte[] payload = TelemetryCodec.encode(TelemetryBatch.of(gatewayId, seq, readings));
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO sealed"
                + " (seq, payload, reading_count, oldest_ms, created_ms) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement delete = db.prepareStatement("DELETE FROM pending WHERE id <= ?");
             PreparedStatement bump = db.prepareStatement("UPDATE meta SET last_seq = ? WHERE id = 1")) {
            insert.setLong(1, seq);
            insert.setBytes(2, payload);
            insert.setInt(3, readings.size());
            insert.setLong(4, oldestMs);
            insert.setLong(5, clock.millis());
            insert.executeUpdate();
            delete.setLong(1, lastId);
            delete.executeUpdate();
            bump.setLong(1, seq);
            bump.executeUpdate();
        }
        return Optional.of(new SealedBatch(seq, payload, readings.size()));
    }

    private long queryLong(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} as one transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(String operation, Work<T> work) {
        if (closed) {
            throw new IllegalStateException("outbox " + file + " is closed");
        }
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw new OutboxException("outbox " + file + ": " + operation + " failed: " + e.getMessage(), e);
        }
    }
}
