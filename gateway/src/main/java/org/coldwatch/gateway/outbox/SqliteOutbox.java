package org.coldwatch.gateway.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.coldwatch.gateway.config.OutboxLimits;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * {@link Outbox} in one SQLite file, written so that a power cut at any instant loses nothing that was acknowledged to
 * the caller: WAL journal, {@code synchronous=FULL}, and every operation one committed transaction.
 *
 * <p>Readings wait in {@code pending} in the compact form of {@link OutboxSchema}. Sealing moves a run of them into
 * one row of {@code sealed} holding the encoded payload and takes the next seq from {@code meta}, in one transaction:
 * a reading is never in two places, a batch's bytes never change, a seq is never issued twice. Only what is about to
 * be sent is sealed. Acknowledging deletes the batch; a refusal moves it to {@code quarantine}.
 *
 * <p>Two lanes seal: the backlog lane ({@link #nextToSend}) takes the oldest pending readings, the live lane
 * ({@link #nextLive}) the newest of those appended since shortly before {@link #startLiveLane()}. Each batch gets its
 * own seq when sealed.
 *
 * <p>Before every append the {@link DiskBudget} is checked; once full, {@code outbox.fullPolicy} applies (thin the
 * oldest day, or refuse). SQLITE_FULL rolls the transaction back (nothing stored is lost), is counted and makes the
 * state full. One connection, guarded by this object's monitor.
 */
public final class SqliteOutbox implements Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);
    private static final int SQLITE_FULL = 13;
    /** Readings appended this recently before the live lane opens are live, not backlog. */
    static final Duration LIVE_WINDOW = Duration.ofSeconds(10);

    private final Connection db;
    private final Path file;
    private final String gatewayId;
    private final Clock clock;
    private final DiskBudget budget;
    private final OldestDayThinning thinning;
    private final SensorDictionary sensors = new SensorDictionary();
    private final BatchSealer sealer;
    private final RecentAppends recentAppends = new RecentAppends(LIVE_WINDOW);
    private final LongSupplier monotonicNanos;
    private OutboxState state = OutboxState.OK;
    private long refused;
    private long diskFullErrors;
    private long liveFloorId;
    private boolean closed;

    private SqliteOutbox(Connection db, Path file, String gatewayId, int maxReadingsPerBatch, OutboxLimits limits,
                         Clock clock, LongSupplier monotonicNanos) {
        this.db = db;
        this.file = file;
        this.gatewayId = gatewayId;
        this.clock = clock;
        this.budget = new DiskBudget(limits);
        this.thinning = new OldestDayThinning(limits.thinInterval());
        this.sealer = new BatchSealer(db, sensors, gatewayId, maxReadingsPerBatch, clock);
        this.monotonicNanos = monotonicNanos;
    }

    /** {@link #open(Path, String, int, OutboxLimits, Clock)} with {@link OutboxLimits#defaults()}. */
    public static SqliteOutbox open(Path file, String gatewayId, int maxReadingsPerBatch, Clock clock) {
        return open(file, gatewayId, maxReadingsPerBatch, OutboxLimits.defaults(), clock);
    }

    /**
     * Opens (creating if needed, with its parent folders; migrating an older schema) the outbox file.
     *
     * @param gatewayId           written into every batch sealed from now on
     * @param maxReadingsPerBatch 1 … {@link Limits#MAX_READINGS_PER_BATCH}
     * @param limits              the disk budget and full policy
     * @throws OutboxException if the file cannot be opened or is not an outbox
     */
    public static SqliteOutbox open(Path file, String gatewayId, int maxReadingsPerBatch, OutboxLimits limits,
                                    Clock clock) {
        return open(file, gatewayId, maxReadingsPerBatch, limits, clock, System::nanoTime);
    }

    /** {@link #open(Path, String, int, OutboxLimits, Clock)} with the monotonic clock given (for tests). */
    static SqliteOutbox open(Path file, String gatewayId, int maxReadingsPerBatch, OutboxLimits limits, Clock clock,
                             LongSupplier monotonicNanos) {
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
            OutboxSchema.prepare(db, file.toString());
            db.setAutoCommit(false);
            SqliteOutbox outbox = new SqliteOutbox(db, file, gatewayId, maxReadingsPerBatch, limits, clock,
                    monotonicNanos);
            outbox.sensors.load(db);
            db.commit();
            outbox.state = outbox.currentState();
            return outbox;
        } catch (SQLException | IOException e) {
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
        makeRoomOrRefuse(readings.size());
        inTransaction("append", () -> {
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO pending (sensor_ref, value, time_ms) VALUES (?, ?, ?)")) {
                for (Reading r : readings) {
                    insert.setLong(1, sensors.ref(db, r.sensorId(), r.kind()));
                    insert.setDouble(2, r.value());
                    insert.setLong(3, r.measuredAt().toEpochMilli());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            long firstId = sealer.lastPendingId() - readings.size() + 1;
            recentAppends.appended(firstId, monotonicNanos.getAsLong());
            return null;
        }, readings.size());
        noteState(currentState());
    }

    /** When the budget is used up: thin the oldest day, or refuse (counted) — never drop silently. */
    private void makeRoomOrRefuse(int incoming) {
        OutboxState now = currentState();
        noteState(now);
        if (now != OutboxState.FULL) {
            return;
        }
        OutboxLimits limits = budget.limits();
        if (limits.fullPolicy() == OutboxLimits.FullPolicy.THIN_OLDEST) {
            long removed = inTransaction("thin", () -> {
                long n = thinning.thin(db);
                try (PreparedStatement bump = db.prepareStatement("UPDATE meta SET thinned = thinned + ? WHERE id = 1")) {
                    bump.setLong(1, n);
                    bump.executeUpdate();
                }
                return n;
            }, 0);
            if (removed > 0) {
                LOG.warn("outbox: file={} full ({} of {} bytes): thinned the oldest day to one reading per sensor"
                        + " per {} min, {} readings removed", file, usedBytes(), limits.maxBytes(),
                        limits.thinToOnePerMinutes(), removed);
                return;
            }
        }
        refused += incoming;
        throw new OutboxFullException("outbox " + file + ": full (policy " + limits.fullPolicy().configName()
                + ", " + usedBytes() + " of " + limits.maxBytes() + " bytes used, " + freeDiskBytes()
                + " bytes free on disk): " + incoming + " readings refused", null);
    }

    @Override
    public synchronized List<SealedBatch> nextToSend(long afterSeq, int maxBatches) {
        if (maxBatches < 1) {
            throw new IllegalArgumentException("maxBatches: must be at least 1, was " + maxBatches);
        }
        try {
            return inTransaction("nextToSend", () -> {
                List<SealedBatch> batches = sealer.selectSealed(afterSeq, maxBatches);
                while (batches.size() < maxBatches) {
                    Optional<SealedBatch> sealed = sealer.sealPending(0, false);
                    if (sealed.isEmpty()) {
                        break;
                    }
                    batches.add(sealed.get());
                }
                return batches;
            }, 0);
        } catch (OutboxFullException e) {
            // A sealed payload takes more room than its pending rows: on a full disk, send what is sealed already;
            // each acknowledgement frees room to seal more.
            return inTransaction("nextToSend", () -> sealer.selectSealed(afterSeq, maxBatches), 0);
        }
    }

    @Override
    public synchronized void startLiveLane() {
        liveFloorId = inTransaction("startLiveLane", () -> recentAppends.liveFloor(monotonicNanos.getAsLong(),
                sealer.lastPendingId() + 1), 0);
    }

    @Override
    public synchronized List<SealedBatch> nextLive(int maxBatches) {
        if (liveFloorId == 0) {
            return List.of();
        }
        return inTransaction("nextLive", () -> {
            List<SealedBatch> batches = new ArrayList<>();
            while (batches.size() < maxBatches) {
                Optional<SealedBatch> sealed = sealer.sealPending(liveFloorId, true);
                if (sealed.isEmpty()) {
                    break;
                }
                batches.add(sealed.get());
            }
            return batches;
        }, 0);
    }

    @Override
    public synchronized void acknowledge(long seq) {
        inTransaction("acknowledge", () -> {
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM sealed WHERE seq = ?")) {
                delete.setLong(1, seq);
                delete.executeUpdate();
            }
            return null;
        }, 0);
        if (state != OutboxState.OK) {
            noteState(currentState());
        }
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
        }, 0);
    }

    @Override
    public synchronized long depth() {
        return inTransaction("depth", () -> queryLong("SELECT (SELECT COUNT(*) FROM pending)"
                + " + (SELECT COALESCE(SUM(reading_count), 0) FROM sealed)"), 0);
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
        }, 0);
    }

    @Override
    public synchronized long quarantinedCount() {
        return inTransaction("quarantinedCount", () -> queryLong("SELECT COUNT(*) FROM quarantine"), 0);
    }

    @Override
    public synchronized OutboxHealth health() {
        long depth = depth();
        Duration age = oldestUnsent().map(t -> Duration.between(t, clock.instant())).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
        long thinned = inTransaction("health", () -> queryLong("SELECT thinned FROM meta WHERE id = 1"), 0);
        OutboxState now = currentState();
        noteState(now);
        return new OutboxHealth(depth, age, usedBytes(), budget.limits().maxBytes(), freeDiskBytes(), now, thinned,
                refused, diskFullErrors, quarantinedCount());
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

    /** Test hook: caps the file at {@code pages} pages, so that growing past it fails with SQLITE_FULL. */
    synchronized void limitFileSize(long pages) {
        inTransaction("limitFileSize", () -> queryLong("PRAGMA max_page_count = " + pages), 0);
    }

    /** (page_count − freelist_count) × page_size: free pages are reused before the file grows. */
    synchronized long usedBytes() {
        return inTransaction("usedBytes", () -> (queryLong("PRAGMA page_count") - queryLong("PRAGMA freelist_count"))
                * queryLong("PRAGMA page_size"), 0);
    }

    private long freeDiskBytes() {
        try {
            Path dir = file.toAbsolutePath().getParent();
            return Files.getFileStore(dir == null ? file.toAbsolutePath() : dir).getUsableSpace();
        } catch (IOException e) {
            LOG.warn("outbox: file={} cannot read the free space of its volume: {}", file, e.getMessage());
            return Long.MAX_VALUE;
        }
    }

    private OutboxState currentState() {
        OutboxState computed = budget.state(usedBytes(), freeDiskBytes());
        return computed;
    }

    private void noteState(OutboxState now) {
        if (now != state) {
            OutboxState before = state;
            state = now;
            String line = "outbox: file={} state {} -> {} ({} of {} bytes used, {} bytes free on disk, policy {})";
            Object[] args = {file, before.wireName(), now.wireName(), usedBytes(), budget.limits().maxBytes(),
                freeDiskBytes(), budget.limits().fullPolicy().configName()};
            if (now == OutboxState.OK) {
                LOG.info(line, args);
            } else {
                LOG.warn(line, args);
            }
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Rolls back after {@code failure}. SQLite has already rolled back itself after some errors (SQLITE_FULL among
     * them); the driver then needs its transaction reopened.
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
            sensors.reload(db);
            db.commit();
        } catch (SQLException reloadFailure) {
            failure.addSuppressed(reloadFailure);
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction: committed when it returns, rolled back when it throws. SQLITE_FULL is
     * counted, makes the state full and is thrown as {@link OutboxFullException}; {@code refusedOnFull} readings are
     * then counted as refused.
     */
    private <T> T inTransaction(String operation, Work<T> work, int refusedOnFull) {
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
                diskFullErrors++;
                refused += refusedOnFull;
                noteState(OutboxState.FULL);
                LOG.error("outbox: file={} {} failed, disk or file limit full (SQLITE_FULL); rolled back, nothing"
                        + " stored is lost, {} readings refused", file, operation, refusedOnFull);
                throw new OutboxFullException("outbox " + file + ": " + operation + " failed: disk full: "
                        + e.getMessage(), e);
            }
            throw new OutboxException("outbox " + file + ": " + operation + " failed: " + e.getMessage(), e);
        }
    }
}
