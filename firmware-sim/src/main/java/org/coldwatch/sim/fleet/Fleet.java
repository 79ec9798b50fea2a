package org.coldwatch.sim.fleet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet load generator: many virtual gateways, each with its own MQTT 5 connection, sending real telemetry
 * batches on an open-loop schedule, and a report of what the server acknowledged, refused or left unanswered.
 *
 * <p>A run has three phases. <b>Sending</b> (the configured duration, ramp-up included): gateways connect at their
 * ramp-up slots and batches are created and published when due, as far as each connection's window allows.
 * <b>Draining</b> (at most the drain timeout): no new batch is created; unanswered batches are still resent after
 * reconnects until every sent batch is answered. <b>Closing</b>: every gateway disconnects and the report is built.
 *
 * <pre>{@code
 * FleetReport report = Fleet.run(FleetOptions.builder("tcp://127.0.0.1:1883", credentials)
 *         .pace(Pace.interval(Duration.ofSeconds(1))).duration(Duration.ofSeconds(30)).build());
 * }</pre>
 */
public final class Fleet {
    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
    private static final int CONCURRENT_CONNECT_ATTEMPTS = 256;
    private static final long DISCONNECT_TIMEOUT_MILLIS = 5_000;

    private final FleetOptions options;
    private final FleetListener listener;
    private final SendSchedule schedule;
    private final FleetStats stats = new FleetStats();
    private final PahoThreads threads = new PahoThreads();
    private final List<VirtualGateway> gateways = new ArrayList<>();
    private final List<PahoGatewayLink> links = new ArrayList<>();
    private final List<Pacer> pacers = new ArrayList<>();
    private final CountDownLatch drained;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CompletableFuture<FleetReport> finished = new CompletableFuture<>();
    private final ScheduledExecutorService progressTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fleet-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final long startNanos = System.nanoTime();
    private volatile long lastProgressNanos;

    private Fleet(FleetOptions options, FleetListener listener, Clock clock) {
        this.options = options;
        this.listener = listener;
        this.schedule = SendSchedule.of(options);
        this.drained = new CountDownLatch(options.gateways());
        BatchFactory factory = new BatchFactory(options.sensorsPerGateway(), options.readingsPerMessage(),
                options.firstSeq(), options.intervalNanos(), clock.millis());
        ConnectThrottle throttle = new ConnectThrottle(CONCURRENT_CONNECT_ATTEMPTS);
        for (int g = 0; g < options.gateways(); g++) {
            GatewayCredentials credentials = options.credentials().get(g);
            VirtualGateway gateway = new VirtualGateway(g, credentials.gatewayId(), schedule, factory,
                    new SimulatedValues(options.seed(), g), stats, options.maxInflight(), this::now,
                    drained::countDown);
            gateway.resendUnrouted(options.resendUnrouted());
            gateways.add(gateway);
            links.add(new PahoGatewayLink(options.target(), credentials, gateway,
                    (int) options.keepAlive().toSeconds(), threads, throttle, stats, options.seed()));
        }
        int pacerCount = Math.min(options.pacerThreads(), options.gateways());
        for (int p = 0; p < pacerCount; p++) {
            List<VirtualGateway> share = new ArrayList<>();
            for (int g = p; g < gateways.size(); g += pacerCount) {
                share.add(gateways.get(g));
            }
            pacers.add(new Pacer(share, this::now));
        }
    }

    /**
     * Starts a run in the background.
     *
     * @return the running fleet; {@link #finished()} completes with its report
     */
    public static Fleet start(FleetOptions options, FleetListener listener) {
        Fleet fleet = new Fleet(options, listener, Clock.systemUTC());
        Thread runner = new Thread(fleet::runPhases, "fleet-run");
        runner.setDaemon(true);
        runner.start();
        return fleet;
    }

    /**
     * Runs the fleet to the end and returns its report, logging progress through SLF4J.
     *
     * @throws InterruptedException if interrupted while waiting (the fleet is stopped and drained first)
     */
    public static FleetReport run(FleetOptions options) throws InterruptedException {
        Fleet fleet = start(options, FleetListener.logging());
        try {
            return fleet.finished().join();
        } catch (java.util.concurrent.CancellationException e) {
            throw new InterruptedException("fleet run cancelled");
        }
    }

    /**
     * The end of the run.
     *
     * @return completes with the report once every gateway has disconnected; completes exceptionally only if the
     *         generator itself failed (never because the server refused or did not answer: that is in the report)
     */
    public CompletableFuture<FleetReport> finished() {
        return finished;
    }

    /** Ends the sending phase now; the fleet then drains and reports as usual. */
    public void stop() {
        stopRequested.countDown();
    }

    /** A snapshot of the counters now (without latency figures, which the progress lines carry). */
    public FleetProgress progress() {
        return snapshot(0, 0, 0);
    }

    private long now() {
        return System.nanoTime() - startNanos;
    }

    private void runPhases() {
        try {
            for (int g = 0; g < links.size(); g++) {
                links.get(g).connectLater(TimeUnit.NANOSECONDS.toMillis(schedule.connectAt(g)));
            }
            for (int p = 0; p < pacers.size(); p++) {
                pacers.get(p).start("fleet-pacer-" + (p + 1));
            }
            long progressMillis = options.progressInterval().toMillis();
            progressTimer.scheduleAtFixedRate(this::reportProgress, progressMillis, progressMillis,
                    TimeUnit.MILLISECONDS);
            stopRequested.await(schedule.durationNanos(), TimeUnit.NANOSECONDS);
            pacers.forEach(Pacer::stop);
            gateways.forEach(VirtualGateway::stopScheduling);
            long sendingEnd = Math.min(now(), schedule.durationNanos());
            long offered = 0;
            for (VirtualGateway gateway : gateways) {
                offered += gateway.offered(sendingEnd);
            }
            if (!drained.await(options.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("fleet: {} gateways still had unanswered batches after the drain timeout of {}",
                        drained.getCount(), options.drainTimeout());
            }
            FleetReport report = report(offered, sendingEnd);
            closeAll();
            finished.complete(report);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll();
            finished.cancel(false);
        } catch (RuntimeException e) {
            closeAll();
            finished.completeExceptionally(e);
        }
    }

    private void reportProgress() {
        long now = now();
        long sinceLast = now - lastProgressNanos;
        lastProgressNanos = now;
        Histogram[] interval = stats.sampleInterval();
        long ackedReadings = interval[0].getTotalCount() * options.readingsPerMessage();
        double rate = sinceLast > 0 ? ackedReadings * 1e9 / sinceLast : 0;
        listener.progress(snapshot(rate, interval[0].getValueAtPercentile(99) / 1_000.0,
                interval[2].getMaxValue() / 1_000.0));
    }

    private FleetProgress snapshot(double rate, double p99Millis, double lagMillis) {
        long sent = stats.batchesSent();
        long acked = stats.batchesAcked();
        long refused = stats.batchesRefused();
        long behind = 0;
        for (VirtualGateway gateway : gateways) {
            behind += gateway.behind();
        }
        return new FleetProgress(now() / 1e9, gateways.size(), stats.connectedNow(), sent, acked, refused,
                sent - acked - refused, behind, stats.resends(), rate, p99Millis, lagMillis);
    }

    private FleetReport report(long offered, long sendingEndNanos) {
        stats.sampleInterval();
        List<FleetReport.GatewayResult> results = new ArrayList<>(gateways.size());
        for (VirtualGateway gateway : gateways) {
            results.add(gateway.result());
        }
        FleetReport.Counts batches = FleetReport.Counts.of(offered, stats.batchesSent(), stats.batchesAcked(),
                stats.batchesRefused());
        double sendingSeconds = sendingEndNanos / 1e9;
        double elapsedSeconds = Math.max(sendingEndNanos, stats.lastAnswerNanos()) / 1e9;
        long failedAttempts = stats.connectFailures().values().stream().mapToLong(r -> r.count.sum()).sum();
        FleetReport.Connections connections = new FleetReport.Connections(stats.peakConnected(),
                stats.connectedNow(), stats.connects(), stats.connectionsLost(), failedAttempts);
        return new FleetReport(options.target(), options.gateways(), options.sensorsPerGateway(),
                options.readingsPerMessage(), options.intervalNanos() / 1e9, sendingSeconds, elapsedSeconds,
                connections, batches, batches.times(options.readingsPerMessage()), stats.resends(),
                FleetReport.Rates.of(batches, options.readingsPerMessage(), sendingSeconds, elapsedSeconds),
                FleetReport.Latency.of(stats.totalFromIntended()), FleetReport.Latency.of(stats.totalFromPublish()),
                FleetReport.Latency.of(stats.totalSendLag()), byCode(stats.refusals()),
                byCode(stats.connectFailures()), results);
    }

    private static Map<String, FleetReport.Refusal> byCode(Map<Integer, FleetStats.Refusals> counted) {
        Map<String, FleetReport.Refusal> named = new LinkedHashMap<>();
        counted.forEach((code, refusals) -> named.put(code >= 0 && code <= 0xFF
                        ? String.format(Locale.ROOT, "0x%02X", code) : String.valueOf(code),
                new FleetReport.Refusal(refusals.count.sum(), refusals.firstReason)));
        return named;
    }

    private void closeAll() {
        progressTimer.shutdownNow();
        pacers.forEach(Pacer::stop);
        CountDownLatch closed = new CountDownLatch(links.size());
        for (PahoGatewayLink link : links) {
            threads.run(() -> {
                try {
                    link.disconnect(DISCONNECT_TIMEOUT_MILLIS);
                } finally {
                    closed.countDown();
                }
            });
        }
        try {
            if (!closed.await(2 * DISCONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("fleet: {} gateways did not disconnect in time", closed.getCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.close();
        }
    }
}
