package org.coldwatch.server.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.coldwatch.protocol.TelemetryBatch;
import org.influxdb.InfluxDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reading store in InfluxDB, written and queried through the v1 HTTP API ({@code /write}, {@code /query}).
 *
 * <p>Schema: every reading is a point of measurement {@code reading} with tags {@code gateway}, {@code sensor},
 * {@code kind}, fields {@code value} (in the kind's unit), {@code seq} (its batch) and, unless the clock was
 * synchronised, {@code time_quality}; the point's time is the measurement time in milliseconds. Every committed
 * batch is a point of measurement {@code batch} in the retention policy {@code coldwatch_ledger} (infinite), tag
 * {@code gateway}, fields {@code seq}, {@code readings}, {@code received_ms}, at time = seq nanoseconds, so the
 * ledger of one gateway is a compact time range that duplicate checks and tallies query by time.
 *
 * <p>Durability and duplicates: the writer thread takes waiting batches (up to {@link InfluxSettings#batchPoints()}
 * reading points), asks the {@link InfluxBatchLedger} which of their (gateway, seq) are new, and writes the new
 * readings in one request; the ledger thread then writes their ledger points in a second request and completes the
 * group's futures, in order, only after both got a 2xx. The two run in a pipeline (the readings of one group go out
 * while the ledger points of the previous one do). Between the two, the ledger thread hands the new batches of all
 * groups waiting for it to the {@link InfluxRollupSink} (rollups) in one call, so a batch's rollups are durable
 * before its ledger point is. If the server dies between the two writes, the batch is not
 * acknowledged; the gateway sends it again, the ledger does not know it, and its readings are written again — to
 * the same series at the same times with the same fields, which InfluxDB stores once (a point is identified by
 * series and time; rewriting it replaces it). So a re-sent batch neither duplicates points nor is lost. The price
 * of that schema: two readings of the same gateway, sensor and kind at the same millisecond are one point (the later
 * write wins); the tally counts readings from the ledger.
 *
 * <p>While InfluxDB is down or answers with an error, the writer retries the same group with capped exponential
 * backoff and reports the error in {@link #health()}; the futures stay pending (backpressure), nothing is dropped.
 */
public final class InfluxReadingStore implements ReadingStore {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxReadingStore.class);
    static final String READING = "reading";
    static final String LEDGER_POLICY = "coldwatch_ledger";
    static final String LEDGER = "batch";
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);
    private static final Duration IDLE_PROBE = Duration.ofSeconds(5);

    /** The identity of a batch, by which duplicates are recognised. */
    record GatewaySeq(String gatewayId, long seq) {
    }

    private final InfluxSettings settings;
    private final InfluxDB influx;
    private final InfluxQueries queries;
    private final InfluxBatchLedger ledger;
    private final InfluxRollupSink rollups;
    private final BlockingQueue<WriteGroup.Write> queue = new LinkedBlockingQueue<>();
    /**
     * Groups whose readings are written, waiting for their rollups and ledger points; bounded, so the writer waits
     * too. With rollups the ledger thread takes all that wait as one (a rollup pass costs per series, not per
     * reading), so more may wait; without, a deeper queue only delays acknowledgements (docs/benchmarks.md).
     */
    private final BlockingQueue<WriteGroup> toLedger;
    private final Thread writer;
    private final Thread ledgerWriter;
    private volatile boolean open = true;
    private volatile boolean abandoned;
    private long lastContact = System.nanoTime();
    private volatile StorageHealth health = new StorageHealth(true, "ok");

    private InfluxReadingStore(InfluxSettings settings, InfluxDB influx, InfluxRollupSink rollups) {
        this.settings = settings;
        this.influx = influx;
        this.rollups = rollups;
        this.toLedger = new ArrayBlockingQueue<>(rollups == InfluxRollupSink.NONE ? 2 : 8);
        this.queries = new InfluxQueries(influx, settings.database());
        this.ledger = new InfluxBatchLedger(queries);
        this.writer = new Thread(this::writeLoop, "influx-reading-writer");
        this.writer.setDaemon(true);
        this.ledgerWriter = new Thread(this::ledgerLoop, "influx-ledger-writer");
        this.ledgerWriter.setDaemon(true);
        this.ledgerWriter.start();
        this.writer.start();
    }

    /** A store without rollups; see {@link #open(InfluxSettings, InfluxRollupSink)}. */
    public static InfluxReadingStore open(InfluxSettings settings) {
        return open(settings, InfluxRollupSink.NONE);
    }

    /**
     * Connects, creates the database and the ledger's retention policy if missing, and starts the writer.
     *
     * @param rollups told about each group's new batches after their readings and before their ledger points
     * @throws StorageException if InfluxDB cannot be reached or refuses to create them
     */
    public static InfluxReadingStore open(InfluxSettings settings, InfluxRollupSink rollups) {
        String url = settings.url().toString();
        InfluxDB influx = settings.connect();
        try {
            new InfluxQueries(influx, settings.database()).createDatabase();
        } catch (RuntimeException e) {
            influx.close();
            throw new StorageException("InfluxDB at " + url + ": cannot create database " + settings.database()
                    + ": " + e.getMessage(), e);
        }
        LOG.info("storage=influx url={} database={} batchPoints={}", url, settings.database(),
                settings.batchPoints());
        return new InfluxReadingStore(settings, influx, rollups);
    }

    @Override
    public Future<StoreOutcome> store(ReceivedBatch batch) {
        Promise<StoreOutcome> promise = Promise.promise();
        if (!open) {
            promise.fail(new IllegalStateException("reading store is closed"));
            return promise.future();
        }
        WriteGroup.Write write = new WriteGroup.Write(batch, promise);
        queue.add(write);
        if (!open && queue.remove(write)) {
            promise.tryFail(new IllegalStateException("reading store closed before the batch was committed"));
        }
        return promise.future();
    }

    private void writeLoop() {
        List<WriteGroup.Write> group = new ArrayList<>();
        try {
            while (open || !queue.isEmpty()) {
                WriteGroup.Write first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    probeWhileIdle();
                    continue;
                }
                lastContact = System.nanoTime();
                group.add(first);
                int points = first.points();
                WriteGroup.Write next;
                while ((next = queue.peek()) != null && points + next.points() <= settings.batchPoints()) {
                    group.add(queue.poll());
                    points += next.points();
                }
                List<TelemetryBatch> batches = group.stream().map(w -> w.batch().batch()).toList();
                List<List<StoreOutcome>> outcomes = new ArrayList<>(1);
                boolean written = withRetry(() -> {
                    if (outcomes.isEmpty()) {
                        outcomes.add(ledger.classify(batches));
                    }
                    writeReadings(group, outcomes.get(0));
                });
                if (written) {
                    toLedger.put(new WriteGroup(List.copyOf(group), outcomes.get(0)));
                } else {
                    failAll(group, new IllegalStateException("reading store closed before the batch was committed"));
                }
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failAll(group, new IllegalStateException("reading store closed before the batch was committed"));
            WriteGroup.Write w;
            while ((w = queue.poll()) != null) {
                w.promise().tryFail(new IllegalStateException("reading store closed before the batch was committed"));
            }
            while (!toLedger.offer(WriteGroup.END)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }

    private void ledgerLoop() {
        try {
            while (true) {
                WriteGroup first = toLedger.take();
                if (first == WriteGroup.END) {
                    return;
                }
                List<WriteGroup> later = new ArrayList<>();
                if (rollups != InfluxRollupSink.NONE) {
                    toLedger.drainTo(later);
                }
                boolean end = later.remove(WriteGroup.END); // the writer's last word: nothing follows it
                WriteGroup group = first.with(later);
                // Rollups before the ledger: once the ledger marks a batch stored, its rollups are there too.
                if (withRetry(() -> rollups.written(influx, settings.database(),
                        InfluxPoints.stored(received(group.writes()), group.outcomes())))
                        && withRetry(() -> writeLedger(group))) {
                    ledger.committed(group.writes().stream().map(w -> w.batch().batch()).toList(),
                            group.outcomes());
                    for (int i = 0; i < group.writes().size(); i++) {
                        group.writes().get(i).promise().complete(group.outcomes().get(i));
                    }
                } else {
                    failAll(group.writes(),
                            new IllegalStateException("reading store closed before the batch was committed"));
                }
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Without writes, health would keep the last write's verdict: ask InfluxDB every few seconds instead. */
    private void probeWhileIdle() {
        if (System.nanoTime() - lastContact < IDLE_PROBE.toNanos() || !open) {
            return;
        }
        lastContact = System.nanoTime();
        try {
            queries.probe();
            if (!health.up()) {
                LOG.info("storage=influx reachable again");
            }
            health = new StorageHealth(true, "ok");
        } catch (RuntimeException e) {
            if (health.up()) {
                LOG.error("storage=influx unreachable while idle: {}", e.toString());
            }
            health = new StorageHealth(false, "unreachable: " + e.getMessage());
        }
    }

    private static void failAll(List<WriteGroup.Write> writes, Throwable cause) {
        for (WriteGroup.Write w : writes) {
            w.promise().tryFail(cause);
        }
    }

    /**
     * Runs {@code attempt} until it succeeds, with capped exponential backoff; false if the store is closing and
     * the attempt failed, or an earlier group was given up (then later groups, which may hold copies of its
     * batches classified DUPLICATE, must not be acknowledged either).
     */
    private boolean withRetry(Runnable attempt) {
        long delayMillis = 50;
        while (!abandoned) {
            try {
                attempt.run();
                if (!health.up()) {
                    LOG.info("storage=influx writes succeed again");
                }
                health = new StorageHealth(true, "ok");
                return true;
            } catch (RuntimeException e) {
                if (health.up()) {
                    LOG.error("storage=influx write failed, retrying; acknowledgements wait: {}", e.toString());
                }
                health = new StorageHealth(false, "write failed: " + e.getMessage());
                if (!open) {
                    abandoned = true;
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delayMillis));
                delayMillis = Math.min(delayMillis * 2, MAX_RETRY_DELAY.toMillis());
            }
        }
        return false;
    }

    private void writeReadings(List<WriteGroup.Write> group, List<StoreOutcome> outcomes) {
        InfluxPoints.readings(settings.database(), received(group), outcomes).ifPresent(influx::write);
    }

    private void writeLedger(WriteGroup group) {
        InfluxPoints.ledger(settings.database(), LEDGER_POLICY, received(group.writes()), group.outcomes())
                .ifPresent(influx::write);
    }

    private static List<ReceivedBatch> received(List<WriteGroup.Write> writes) {
        return writes.stream().map(WriteGroup.Write::batch).toList();
    }

    @Override
    public List<StoredReading> latest(Collection<String> gatewayIds) {
        return queries.latest(gatewayIds);
    }

    @Override
    public List<StoredReading> recent(String gatewayId, Optional<String> sensorId, int limit) {
        return queries.recent(gatewayId, sensorId, limit);
    }

    @Override
    public GatewayTally tally(String gatewayId) {
        return queries.tally(gatewayId);
    }

    @Override
    public StorageHealth health() {
        return open ? health : new StorageHealth(false, "closed");
    }

    @Override
    public void close() {
        open = false;
        LockSupport.unpark(writer);
        LockSupport.unpark(ledgerWriter);
        try {
            writer.join(Duration.ofSeconds(10).toMillis());
            LockSupport.unpark(ledgerWriter);
            ledgerWriter.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        influx.close();
    }
}
