package org.coldwatch.server.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import okhttp3.OkHttpClient;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TimeQuality;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
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
 * <p>Durability and duplicates: one writer thread takes waiting batches (up to {@link InfluxSettings#batchPoints()}
 * reading points), asks the ledger which of their (gateway, seq) are committed, writes the new readings in one
 * request, then their ledger points in a second one, and completes the futures only after both got a 2xx. If the
 * server dies between the two writes, the batch is not acknowledged; the gateway sends it again, the ledger does not
 * know it, and its readings are written again — to the same series at the same times with the same fields, which
 * InfluxDB stores once (a point is identified by series and time; rewriting it replaces it). So a re-sent batch
 * neither duplicates points nor is lost. The price of that schema: two readings of the same gateway, sensor and kind
 * at the same millisecond are one point (the later write wins); the tally counts readings from the ledger.
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
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private record PendingWrite(ReceivedBatch batch, Promise<StoreOutcome> promise) {
        int points() {
            return batch.batch().readings().size();
        }
    }

    /** The identity of a batch, by which duplicates are recognised. */
    record GatewaySeq(String gatewayId, long seq) {
    }

    private final InfluxSettings settings;
    private final InfluxDB influx;
    private final InfluxQueries queries;
    private final BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    /** Per gateway, the highest seq in the ledger as far as this store knows; owned by the writer thread. */
    private final Map<String, Long> maxCommitted = new HashMap<>();
    private final Thread writer;
    private volatile boolean open = true;
    private volatile StorageHealth health = new StorageHealth(true, "ok");

    private InfluxReadingStore(InfluxSettings settings, InfluxDB influx) {
        this.settings = settings;
        this.influx = influx;
        this.queries = new InfluxQueries(influx, settings.database());
        this.writer = new Thread(this::writeLoop, "influx-reading-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Connects, creates the database and the ledger's retention policy if missing, and starts the writer.
     *
     * @throws StorageException if InfluxDB cannot be reached or refuses to create them
     */
    public static InfluxReadingStore open(InfluxSettings settings) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(HTTP_TIMEOUT).readTimeout(HTTP_TIMEOUT).writeTimeout(HTTP_TIMEOUT)
                .socketFactory(new NoDelaySocketFactory());
        String url = settings.url().toString();
        InfluxDB influx = settings.username().isPresent()
                ? InfluxDBFactory.connect(url, settings.username().get(), settings.password().orElse(""), http)
                : InfluxDBFactory.connect(url, http);
        try {
            new InfluxQueries(influx, settings.database()).createDatabase();
        } catch (RuntimeException e) {
            influx.close();
            throw new StorageException("InfluxDB at " + url + ": cannot create database " + settings.database()
                    + ": " + e.getMessage(), e);
        }
        LOG.info("storage=influx url={} database={} batchPoints={}", url, settings.database(),
                settings.batchPoints());
        return new InfluxReadingStore(settings, influx);
    }

    @Override
    public Future<StoreOutcome> store(ReceivedBatch batch) {
        Promise<StoreOutcome> promise = Promise.promise();
        if (!open) {
            promise.fail(new IllegalStateException("reading store is closed"));
            return promise.future();
        }
        PendingWrite write = new PendingWrite(batch, promise);
        queue.add(write);
        if (!open && queue.remove(write)) {
            promise.tryFail(new IllegalStateException("reading store closed before the batch was committed"));
        }
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
                group.add(first);
                int points = first.points();
                PendingWrite next;
                while ((next = queue.peek()) != null && points + next.points() <= settings.batchPoints()) {
                    group.add(queue.poll());
                    points += next.points();
                }
                commitWithRetry(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                group.clear();
            }
        }
        PendingWrite w;
        while ((w = queue.poll()) != null) {
            w.promise().tryFail(new IllegalStateException("reading store closed before the batch was committed"));
        }
    }

    private void commitWithRetry(List<PendingWrite> group) {
        long delayMillis = 50;
        List<StoreOutcome> outcomes = null;
        while (true) {
            try {
                if (outcomes == null) {
                    outcomes = classify(group);
                }
                write(group, outcomes);
                remember(group, outcomes);
                if (!health.up()) {
                    LOG.info("storage=influx writes succeed again");
                }
                health = new StorageHealth(true, "ok");
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).promise().complete(outcomes.get(i));
                }
                return;
            } catch (RuntimeException e) {
                if (health.up()) {
                    LOG.error("storage=influx write failed, retrying; acknowledgements wait: {}", e.toString());
                }
                health = new StorageHealth(false, "write failed: " + e.getMessage());
                if (!open) {
                    for (PendingWrite w : group) {
                        w.promise().tryFail(e);
                    }
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delayMillis));
                delayMillis = Math.min(delayMillis * 2, MAX_RETRY_DELAY.toMillis());
            }
        }
    }

    /**
     * Decides, once per group, which batches are new: not in the ledger and not earlier in the same group. Kept
     * across retries, so a batch whose ledger point was written by a failed attempt still counts as STORED.
     *
     * <p>Live batches carry a seq above everything the gateway sent before, so the ledger is asked only about seqs
     * at or below the highest committed one (learned once per gateway, then kept up to date by our own writes). If
     * another server instance committed a batch meanwhile, a copy of it arriving here is classified STORED and
     * written again: the same points at the same times, so storage still holds it once (see the class comment).
     */
    private List<StoreOutcome> classify(List<PendingWrite> group) {
        Set<String> unknown = new HashSet<>();
        for (PendingWrite w : group) {
            if (!maxCommitted.containsKey(w.batch().batch().gatewayId())) {
                unknown.add(w.batch().batch().gatewayId());
            }
        }
        if (!unknown.isEmpty()) {
            maxCommitted.putAll(queries.maxCommitted(unknown));
        }
        Map<String, long[]> ranges = new HashMap<>();
        for (PendingWrite w : group) {
            TelemetryBatch b = w.batch().batch();
            if (b.seq() <= maxCommitted.get(b.gatewayId())) {
                ranges.merge(b.gatewayId(), new long[] {b.seq(), b.seq()},
                        (a, c) -> new long[] {Math.min(a[0], c[0]), Math.max(a[1], c[1])});
            }
        }
        Set<GatewaySeq> committed = ranges.isEmpty() ? Set.of() : queries.committed(ranges);
        Set<GatewaySeq> seen = new HashSet<>();
        List<StoreOutcome> outcomes = new ArrayList<>(group.size());
        for (PendingWrite w : group) {
            GatewaySeq id = new GatewaySeq(w.batch().batch().gatewayId(), w.batch().batch().seq());
            outcomes.add(!committed.contains(id) && seen.add(id) ? StoreOutcome.STORED : StoreOutcome.DUPLICATE);
        }
        return outcomes;
    }

    private void remember(List<PendingWrite> group, List<StoreOutcome> outcomes) {
        for (int i = 0; i < group.size(); i++) {
            if (outcomes.get(i) == StoreOutcome.STORED) {
                TelemetryBatch b = group.get(i).batch().batch();
                maxCommitted.merge(b.gatewayId(), b.seq(), Math::max);
            }
        }
    }

    private void write(List<PendingWrite> group, List<StoreOutcome> outcomes) {
        BatchPoints.Builder readings = BatchPoints.database(settings.database()).precision(TimeUnit.MILLISECONDS);
        BatchPoints.Builder ledger = BatchPoints.database(settings.database()).retentionPolicy(LEDGER_POLICY)
                .precision(TimeUnit.NANOSECONDS);
        boolean any = false;
        for (int i = 0; i < group.size(); i++) {
            if (outcomes.get(i) != StoreOutcome.STORED) {
                continue;
            }
            any = true;
            ReceivedBatch received = group.get(i).batch();
            TelemetryBatch batch = received.batch();
            for (Reading r : batch.readings()) {
                readings.point(readingPoint(batch, r));
            }
            ledger.point(Point.measurement(LEDGER).time(batch.seq(), TimeUnit.NANOSECONDS)
                    .tag("gateway", batch.gatewayId())
                    .addField("seq", batch.seq())
                    .addField("readings", (long) batch.readings().size())
                    .addField("received_ms", received.receivedAt().toEpochMilli())
                    .build());
        }
        if (any) {
            influx.write(readings.build());
            influx.write(ledger.build());
        }
    }

    private static Point readingPoint(TelemetryBatch batch, Reading r) {
        Point.Builder point = Point.measurement(READING).time(r.measuredAt().toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag("gateway", batch.gatewayId())
                .tag("sensor", r.sensorId())
                .tag("kind", r.kind().wireName())
                .addField("value", r.value())
                .addField("seq", batch.seq());
        if (r.timeQuality() != TimeQuality.SYNCED) {
            point.addField("time_quality", r.timeQuality().wireName());
        }
        return point.build();
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
        try {
            writer.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        influx.close();
    }
}
