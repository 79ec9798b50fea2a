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
import org.sqlite.SQLiteConfig;

/**
 * {@link Outbox} in one SQLite file, written so that a power cut at any instant loses nothing that was acknowledged to
 * the caller: WAL journal, {@code synchronous=FULL}, and every operation one committed transaction
 * ({@link OutboxTransactions}).
 *
 * <p>Readings wait in {@code pending} in the compact form of {@link OutboxSchema}. Sealing ({@link BatchSealer})
 * moves a run of them into one row of {@code sealed} holding the encoded payload and takes the next seq from
 * {@code meta}, in one transaction: a reading is never in two places, a batch's bytes never change, a seq is never
 * issued twice. Only what is about to be sent is sealed. Acknowledging deletes the batch; a refusal moves it to
 * {@code quarantine}.
 *
 * <p>Two lanes seal: the backlog lane ({@link #nextToSend}) takes the oldest pending readings, the live lane
 * ({@link #nextLive}) the newest of those appended since shortly before {@link #startLiveLane()}. Each batch gets its
 * own seq when sealed.
 *
 * <p>Before every append the disk budget is checked and, once full, {@code outbox.fullPolicy} applies
 * ({@link OutboxCapacity}). Readings taken before the clock was synchronised are marked and corrected later
 * ({@link UnsyncedTimes}). One connection, guarded by this object's monitor.
 */
public final class SqliteOutbox implements Outbox {
    /** Readings appended this recently before the live lane opens are live, not backlog. */
    static final Duration LIVE_WINDOW = Duration.ofSeconds(10);

    private final OutboxTransactions tx;
    private final Connection db;
    private final Path file;
    private final Clock clock;
    private final SensorDictionary sensors;
    private final BatchSealer sealer;
    private final OutboxCapacity capacity;
    private final UnsyncedTimes unsynced;
    private final RecentAppends recentAppends = new RecentAppends(LIVE_WINDOW);
    private final LongSupplier monotonicNanos;
    private long liveFloorId;
    /** Rows in {@code pending}, counted once at open and then kept in step with every commit. */
    private long pendingCount;

    private SqliteOutbox(Connection db, Path file, String gatewayId, int maxReadingsPerBatch, OutboxLimits limits,
                         Clock clock, ClockSync clockSync, LongSupplier monotonicNanos) {
        this.db = db;
        this.file = file;
        this.clock = clock;
        this.sensors = new SensorDictionary();
        this.tx = new OutboxTransactions(db, file, sensors);
        this.sealer = new BatchSealer(db, sensors, gatewayId, maxReadingsPerBatch, clock);
        this.capacity = new OutboxCapacity(tx, file, limits);
        this.unsynced = new UnsyncedTimes(tx, clockSync, clock);
        this.monotonicNanos = monotonicNanos;
    }

    /** An outbox with {@link OutboxLimits#defaults()} and a clock taken as synchronised. */
    public static SqliteOutbox open(Path file, String gatewayId, int maxReadingsPerBatch, Clock clock) {
        return open(file, gatewayId, maxReadingsPerBatch, OutboxLimits.defaults(), clock,
                ClockSync.alwaysSynchronized());
    }

    /**
     * Opens (creating if needed, with its parent folders; migrating an older schema) the outbox file.
     *
     * @param gatewayId           written into every batch sealed from now on
     * @param maxReadingsPerBatch 1 … {@link Limits#MAX_READINGS_PER_BATCH}
     * @param limits              the disk budget and full policy
     * @param clock               the wall clock readings were stamped with
     * @param clockSync           tells whether {@code clock} is synchronised yet
     * @throws OutboxException if the file cannot be opened or is not an outbox
     */
    public static SqliteOutbox open(Path file, String gatewayId, int maxReadingsPerBatch, OutboxLimits limits,
                                    Clock clock, ClockSync clockSync) {
        return open(file, gatewayId, maxReadingsPerBatch, limits, clock, clockSync, System::nanoTime);
    }

    /** {@link #open(Path, String, int, OutboxLimits, Clock, ClockSync)} with the live lane's clock given (tests). */
    static SqliteOutbox open(Path file, String gatewayId, int maxReadingsPerBatch, OutboxLimits limits, Clock clock,
                             ClockSync clockSync, LongSupplier monotonicNanos) {
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
                    clockSync, monotonicNanos);
            outbox.sensors.load(db);
            db.commit();
            outbox.unsynced.open(file.toString());
            outbox.pendingCount = outbox.tx.run("count", () -> outbox.tx.queryLong("SELECT COUNT(*) FROM pending"));
            outbox.capacity.check();
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
        unsynced.correctIfSynchronized();
        pendingCount -= capacity.makeRoomOrRefuse(readings.size());
        int timeState = unsynced.stateNow();
        try {
            tx.run("append", () -> {
                try (PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO pending (sensor_ref, value, time_ms, time_state, mono_ms)"
                                + " VALUES (?, ?, ?, ?, ?)")) {
                    for (Reading r : readings) {
                        insert.setLong(1, sensors.ref(db, r.sensorId(), r.kind()));
                        insert.setDouble(2, r.value());
                        insert.setLong(3, r.measuredAt().toEpochMilli());
                        insert.setInt(4, timeState);
                        if (timeState == UnsyncedTimes.UNSYNCED) {
                            insert.setLong(5, unsynced.monotonicAt(r.measuredAt()));
                        } else {
                            insert.setNull(5, java.sql.Types.INTEGER);
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                recentAppends.appended(sealer.lastPendingId() - readings.size() + 1, monotonicNanos.getAsLong());
                return null;
            });
        } catch (OutboxFullException e) {
            capacity.countRefused(readings.size());
            throw e;
        }
        pendingCount += readings.size();
        capacity.check();
    }

    @Override
    public synchronized List<SealedBatch> nextToSend(long afterSeq, int maxBatches) {
        if (maxBatches < 1) {
            throw new IllegalArgumentException("maxBatches: must be at least 1, was " + maxBatches);
        }
        unsynced.correctIfSynchronized();
        long hold = unsynced.holdAfterMonotonic();
        try {
            List<SealedBatch> newlySealed = new ArrayList<>();
            List<SealedBatch> batches = tx.run("nextToSend", () -> {
                newlySealed.clear();
                List<SealedBatch> found = sealer.selectSealed(afterSeq, maxBatches);
                while (found.size() < maxBatches) {
                    Optional<SealedBatch> sealed = sealer.sealPending(0, false, hold);
                    if (sealed.isEmpty()) {
                        break;
                    }
                    found.add(sealed.get());
                    newlySealed.add(sealed.get());
                }
                return found;
            });
            pendingCount -= readingsIn(newlySealed);
            return batches;
        } catch (OutboxFullException e) {
            // A sealed payload takes more room than its pending rows: on a full disk, send what is sealed already;
            // each acknowledgement frees room to seal more.
            return tx.run("nextToSend", () -> sealer.selectSealed(afterSeq, maxBatches));
        }
    }

    @Override
    public synchronized void startLiveLane() {
        liveFloorId = tx.run("startLiveLane", () -> recentAppends.liveFloor(monotonicNanos.getAsLong(),
                sealer.lastPendingId() + 1));
    }

    @Override
    public synchronized List<SealedBatch> nextLive(int maxBatches) {
        if (liveFloorId == 0) {
            return List.of();
        }
        unsynced.correctIfSynchronized();
        long hold = unsynced.holdAfterMonotonic();
        List<SealedBatch> sealed = tx.run("nextLive", () -> {
            List<SealedBatch> batches = new ArrayList<>();
            while (batches.size() < maxBatches) {
                Optional<SealedBatch> batch = sealer.sealPending(liveFloorId, true, hold);
                if (batch.isEmpty()) {
                    break;
                }
                batches.add(batch.get());
            }
            return batches;
        });
        pendingCount -= readingsIn(sealed);
        return sealed;
    }

    private static long readingsIn(List<SealedBatch> batches) {
        long n = 0;
        for (SealedBatch b : batches) {
            n += b.readingCount();
        }
        return n;
    }

    @Override
    public synchronized void acknowledge(long seq) {
        tx.run("acknowledge", () -> {
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM sealed WHERE seq = ?")) {
                delete.setLong(1, seq);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized void quarantine(long seq, int reasonCode, String reason) {
        tx.run("quarantine", () -> {
            try (PreparedStatement move = db.prepareStatement(
                    "INSERT OR REPLACE INTO quarantine"
                            + " (seq, payload, reading_count, reason_code, reason, quarantined_ms)"
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
        return pendingCount + tx.run("depth", () -> tx.queryLong("SELECT COALESCE(SUM(reading_count), 0) FROM sealed"));
    }

    @Override
    public synchronized Optional<Instant> oldestUnsent() {
        return tx.run("oldestUnsent", () -> {
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MIN(t) FROM (SELECT time_ms AS t FROM"
                         + " (SELECT time_ms FROM pending ORDER BY id LIMIT 1)"
                         + " UNION ALL SELECT MIN(oldest_ms) FROM sealed)")) {
                rs.next();
                long millis = rs.getLong(1);
                return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(millis));
            }
        });
    }

    @Override
    public synchronized long quarantinedCount() {
        return tx.run("quarantinedCount", () -> tx.queryLong("SELECT COUNT(*) FROM quarantine"));
    }

    @Override
    public synchronized OutboxHealth health() {
        Duration age = oldestUnsent().map(t -> Duration.between(t, clock.instant())).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
        OutboxState state = capacity.check();
        return new OutboxHealth(depth(), age, capacity.usedBytes(), capacity.limits().maxBytes(),
                capacity.freeDiskBytes(), state, capacity.thinned(), capacity.refused(), tx.diskFullErrors(),
                quarantinedCount());
    }

    @Override
    public synchronized void close() {
        tx.close();
    }

    /** Test hook: caps the file at {@code pages} pages, so that growing past it fails with SQLITE_FULL. */
    synchronized void limitFileSize(long pages) {
        tx.run("limitFileSize", () -> tx.queryLong("PRAGMA max_page_count = " + pages));
    }

    /** Bytes of SQLite pages in use. */
    synchronized long usedBytes() {
        return capacity.usedBytes();
    }
}
