package org.coldwatch.server.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.coldwatch.protocol.ReadingKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: one SQLite file in WAL mode with {@code synchronous=FULL}, so a commit has reached the
 * disk before {@link #store} completes.
 *
 * <p>Design: one writer thread owns the write connection and commits batches in groups ("group commit"): it takes
 * whatever batches are waiting, writes them all in one transaction and completes their futures after the single
 * commit. Under load this amortises the fsync over many batches; at low load a group is one batch. Duplicates are
 * found by the primary key of the {@code batch} table, inside the same transaction, so two copies of a batch in
 * one group are also caught ({@link SqliteBatchWriter} writes a group). If a commit fails (disk full, I/O error)
 * the writer rolls back, reports the error in {@link #health()} and retries the same group with capped backoff; the
 * futures stay pending meanwhile, so nothing is acknowledged that is not on disk. A committed group's futures are
 * completed by a second thread, in commit order, while the writer goes on with the next group.
 */
public final class SqliteReadingStore implements ReadingStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteReadingStore.class);
    /**
     * Most batches and readings committed in one transaction. Large on purpose: at low load a group is whatever is
     * waiting (often one batch); under load a larger group spreads the fsync and the per-series work (latest,
     * rollups) over more readings — with single-reading messages a series gets several readings per group only if
     * the group spans many gateways' messages.
     */
    private static final int MAX_GROUP_BATCHES = 10_000;
    private static final int MAX_GROUP_READINGS = 50_000;
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

    private record PendingWrite(ReceivedBatch batch, Promise<StoreOutcome> promise) {
    }

    private final BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    private final Connection writeConnection;
    private final SqliteBatchWriter batchWriter;
    private final Connection readConnection;
    private final Thread writer;
    /**
     * Completes a committed group's futures, in commit order, while the writer already writes the next group: what
     * the futures' callbacks do (metrics, live push, handing the acknowledgement to the event loop) stays off the
     * writer thread, which under load is the bottleneck.
     */
    private final ExecutorService completer = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "sqlite-reading-completer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean open = true;
    private volatile StorageHealth health = new StorageHealth(true, "ok");

    private SqliteReadingStore(Path file, RollupSink rollups) throws SQLException {
        this.writeConnection = SqliteFiles.migrateAndOpen(file, "db/readings", SqliteFiles.Durability.FULL);
        this.batchWriter = new SqliteBatchWriter(writeConnection, rollups);
        this.readConnection = SqliteFiles.open(file, SqliteFiles.Durability.FULL);
        this.writer = new Thread(this::writeLoop, "sqlite-reading-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Opens (creating and migrating if needed) the store in {@code file}.
     *
     * @throws SQLException if the file cannot be opened or migrated
     */
    public static SqliteReadingStore open(Path file) throws SQLException {
        return new SqliteReadingStore(file, RollupSink.NONE);
    }

    /**
     * Opens the store in {@code file}; every commit also passes its new batches to {@code rollups}, in the same
     * transaction.
     *
     * @throws SQLException if the file cannot be opened or migrated
     */
    public static SqliteReadingStore open(Path file, RollupSink rollups) throws SQLException {
        return new SqliteReadingStore(file, rollups);
    }

    @Override
    public Future<StoreOutcome> store(ReceivedBatch batch) {
        Promise<StoreOutcome> promise = Promise.promise();
        if (!open) {
            promise.fail(new IllegalStateException("reading store is closed"));
            return promise.future();
        }
        queue.add(new PendingWrite(batch, promise));
        return promise.future();
    }

    private void writeLoop() {
        List<PendingWrite> group = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                PendingWrite first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                takeGroup(first, group);
                commitWithRetry(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                group.clear();
            }
        }
        failAll(new IllegalStateException("reading store closed before the batch was committed"));
    }

    private void takeGroup(PendingWrite first, List<PendingWrite> group) {
        group.add(first);
        int readings = first.batch().batch().readings().size();
        PendingWrite next;
        while (group.size() < MAX_GROUP_BATCHES && readings < MAX_GROUP_READINGS && (next = queue.poll()) != null) {
            group.add(next);
            readings += next.batch().batch().readings().size();
        }
    }

    private void commitWithRetry(List<PendingWrite> group) throws InterruptedException {
        long delayMillis = 50;
        while (true) {
            try {
                List<StoreOutcome> outcomes = commit(group);
                if (!health.up()) {
                    LOG.info("storage=sqlite writes succeed again");
                }
                health = new StorageHealth(true, "ok");
                List<Promise<StoreOutcome>> promises = new ArrayList<>(group.size());
                for (PendingWrite w : group) {
                    promises.add(w.promise());
                }
                completer.execute(() -> {
                    for (int i = 0; i < promises.size(); i++) {
                        promises.get(i).complete(outcomes.get(i));
                    }
                });
                return;
            } catch (SQLException e) {
                rollbackQuietly();
                if (health.up()) {
                    LOG.error("storage=sqlite commit failed, retrying; acknowledgements wait: {}", e.getMessage());
                }
                health = new StorageHealth(false, "commit failed: " + e.getMessage());
                if (!open) {
                    for (PendingWrite w : group) {
                        w.promise().fail(e);
                    }
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delayMillis));
                delayMillis = Math.min(delayMillis * 2, MAX_RETRY_DELAY.toMillis());
            }
        }
    }

    private List<StoreOutcome> commit(List<PendingWrite> group) throws SQLException {
        List<ReceivedBatch> batches = new ArrayList<>(group.size());
        for (PendingWrite write : group) {
            batches.add(write.batch());
        }
        return batchWriter.commit(batches);
    }

    private void rollbackQuietly() {
        try {
            batchWriter.rollback();
        } catch (SQLException e) {
            LOG.warn("storage=sqlite rollback failed: {}", e.getMessage());
        }
    }

    private void failAll(Throwable cause) {
        PendingWrite w;
        while ((w = queue.poll()) != null) {
            w.promise().tryFail(cause);
        }
    }

    @Override
    public synchronized List<StoredReading> latest(Collection<String> gatewayIds) {
        List<StoredReading> result = new ArrayList<>();
        try (PreparedStatement q = readConnection.prepareStatement(
                "SELECT gateway_id, 0, sensor_id, kind, value, measured_ms FROM latest WHERE gateway_id = ?"
                        + " ORDER BY sensor_id, kind")) {
            for (String gatewayId : gatewayIds) {
                q.setString(1, gatewayId);
                readAll(q, result);
            }
        } catch (SQLException e) {
            throw new StorageException("reading latest values failed", e);
        }
        return result;
    }

    @Override
    public synchronized List<StoredReading> recent(String gatewayId, Optional<String> sensorId, int limit) {
        String sql = "SELECT gateway_id, seq, sensor_id, kind, value, measured_ms FROM reading WHERE gateway_id = ?"
                + (sensorId.isPresent() ? " AND sensor_id = ?" : "") + " ORDER BY measured_ms DESC, seq DESC LIMIT ?";
        List<StoredReading> result = new ArrayList<>();
        try (PreparedStatement q = readConnection.prepareStatement(sql)) {
            int i = 1;
            q.setString(i++, gatewayId);
            if (sensorId.isPresent()) {
                q.setString(i++, sensorId.get());
            }
            q.setInt(i, limit);
            readAll(q, result);
        } catch (SQLException e) {
            throw new StorageException("reading recent values failed", e);
        }
        return result;
    }

    private static void readAll(PreparedStatement q, List<StoredReading> into) throws SQLException {
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                ReadingKind kind = ReadingKind.fromWireName(rs.getString(4)).orElseThrow();
                into.add(new StoredReading(rs.getString(1), rs.getLong(2), rs.getString(3), kind, rs.getDouble(5),
                        Instant.ofEpochMilli(rs.getLong(6))));
            }
        }
    }

    @Override
    public synchronized GatewayTally tally(String gatewayId) {
        try (PreparedStatement q = readConnection.prepareStatement(
                "SELECT count(*), coalesce(sum(reading_count), 0), coalesce(min(seq), 0), coalesce(max(seq), 0)"
                        + " FROM batch WHERE gateway_id = ?")) {
            q.setString(1, gatewayId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new GatewayTally(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        } catch (SQLException e) {
            throw new StorageException("counting stored batches failed", e);
        }
    }

    @Override
    public StorageHealth health() {
        return open ? health : new StorageHealth(false, "closed");
    }

    @Override
    public void close() {
        open = false;
        try {
            writer.join(Duration.ofSeconds(10).toMillis());
            completer.shutdown();
            if (!completer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("storage=sqlite completing committed writes took more than 10 s at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closeQuietly(readConnection);
        }
        try {
            batchWriter.close();
        } catch (SQLException e) {
            LOG.warn("storage=sqlite closing the writer's statements failed: {}", e.getMessage());
        }
        closeQuietly(writeConnection);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.warn("storage=sqlite closing a connection failed: {}", e.getMessage());
        }
    }
}
