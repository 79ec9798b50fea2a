package org.coldwatch.sim.coap;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import org.coldwatch.sim.coap.SendResult.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated battery-powered wireless sensor node that measures temperature, humidity and optionally weight and
 * POSTs them as SenML to a ColdWatch gateway over CoAP (or CoAP over DTLS with a pre-shared key).
 *
 * <p>Design: a node does one thing at a time, like its firmware. Each wake-up ({@link #sendNow()}, or
 * {@link #tick()} when the report interval has passed on the node's {@link Clock}) checks the battery, measures one
 * round into the backlog and, unless a pack is still in flight or the radio is offline, sends the oldest rounds
 * that fit one pack as a confirmable POST. Californium retransmits it; the answer settles it: acknowledged or refused
 * packs leave the node, unanswered or 5.xx ones go back to the front of the backlog. The backlog is bounded; the
 * oldest rounds are dropped first. Every datagram the radio sends costs battery; below brown-out the node stops for
 * good.
 *
 * <p>Thread-safe: state changes are serialized on the node; answers arrive on Californium's threads.
 */
public final class SenmlNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SenmlNode.class);

    private final NodeConfig config;
    private final NodeSensors sensors;
    private final Clock clock;
    private final Radio radio;
    private final CoapLink link;
    private final ScheduledExecutorService ownExecutor;
    private final List<Round> backlog = new ArrayList<>();
    private List<Round> inFlight;
    private Instant nextReport;
    private boolean brownedOut;
    private boolean closed;
    private long sent;
    private long acknowledged;
    private long refused;
    private long failed;
    private long droppedRounds;

    private SenmlNode(NodeConfig config, NodeSensors sensors, Clock clock, Radio radio, CoapLink link,
                      ScheduledExecutorService ownExecutor) {
        this.config = config;
        this.sensors = sensors;
        this.clock = clock;
        this.radio = radio;
        this.link = link;
        this.ownExecutor = ownExecutor;
        this.nextReport = clock.instant();
    }

    /**
     * A node posting to {@code gateway} (e.g. {@code coap://127.0.0.1:5683/senml}, {@code coaps://…} with a PSK), its
     * endpoint open on an ephemeral port. Its first {@link #tick()} reports at once.
     *
     * @throws IOException if the node's socket cannot be opened
     * @throws IllegalArgumentException if the URI's scheme does not fit the config (coaps with a PSK, else coap)
     */
    public static SenmlNode create(NodeConfig config, NodeSensors sensors, URI gateway, Clock clock)
            throws IOException {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(daemon(config.nodeId()));
        try {
            return open(config, sensors, gateway, clock, executor, executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** A node whose Californium threads come from {@code shared} (owned by the caller, e.g. {@link CoapNodes}). */
    static SenmlNode open(NodeConfig config, NodeSensors sensors, URI gateway, Clock clock,
                          ScheduledExecutorService shared, ScheduledExecutorService owned) throws IOException {
        Objects.requireNonNull(sensors, "sensors");
        Radio radio = new Radio(config.faults(), clock);
        CoapLink link = CoapLink.open(config, gateway, radio, shared);
        LOG.info("node={} started gateway={} local={} format={} dtls={}", config.nodeId(), gateway, link.address(),
                config.format(), config.psk().isPresent());
        return new SenmlNode(config, sensors, clock, radio, link, owned);
    }

    /** The node's id. */
    public String nodeId() {
        return config.nodeId();
    }

    /** The node's configuration. */
    public NodeConfig config() {
        return config;
    }

    /**
     * Wakes the node now: battery check, one measurement round, and a send unless a pack is in flight or the radio
     * is offline.
     *
     * @return completes when this wake-up is settled: with {@link Outcome#ACKNOWLEDGED}, {@link Outcome#REFUSED}
     *         (4.xx, the code and the gateway's diagnostic included) or {@link Outcome#FAILED} (5.xx) once the gateway
     *         answered; with {@link Outcome#NO_RESPONSE} once Californium gave up (retransmissions exhausted, DTLS
     *         handshake failed); at once with {@link Outcome#QUEUED}, {@link Outcome#OFFLINE} or
     *         {@link Outcome#BROWNED_OUT} when nothing was sent. Never completes exceptionally.
     * @throws IllegalStateException if the node was closed
     */
    public synchronized CompletionStage<SendResult> sendNow() {
        if (closed) {
            throw new IllegalStateException("node " + nodeId() + " is closed");
        }
        if (brownedOut) {
            return CompletableFuture.completedFuture(SendResult.notSent(Outcome.BROWNED_OUT));
        }
        double volts = batteryVolts();
        if (config.battery().isBrownedOut(volts)) {
            brownedOut = true;
            LOG.warn("node={} browned out at {} V after {} transmissions; the node stops", nodeId(), volts,
                    radio.transmissions());
            link.close();
            return CompletableFuture.completedFuture(SendResult.notSent(Outcome.BROWNED_OUT));
        }
        Instant now = clock.instant();
        backlog.add(Round.measure(sensors, now));
        trimBacklog();
        if (inFlight != null) {
            return CompletableFuture.completedFuture(SendResult.notSent(Outcome.QUEUED));
        }
        if (radio.isOffline()) {
            return CompletableFuture.completedFuture(SendResult.notSent(Outcome.OFFLINE));
        }
        PackBuilder.Built built = PackBuilder.build(nodeId(), backlog, volts, config.battery().level(volts), now,
                config.faults().clockless(), config.format());
        List<Round> rounds = new ArrayList<>(backlog.subList(0, built.rounds()));
        backlog.subList(0, built.rounds()).clear();
        inFlight = rounds;
        sent++;
        LOG.debug("node={} sending rounds={} records={} bytes={}", nodeId(), built.rounds(), built.records(),
                built.payload().length);
        return link.post(built.payload(), config.format(), built.records()).thenApply(result -> settle(result, rounds));
    }

    /**
     * Wakes the node if its report interval has passed on its clock (the first tick always reports).
     *
     * @return the wake-up's result as in {@link #sendNow()}, or empty if no report was due (also after close)
     */
    public synchronized Optional<CompletionStage<SendResult>> tick() {
        Instant now = clock.instant();
        if (closed || now.isBefore(nextReport)) {
            return Optional.empty();
        }
        Instant following = nextReport.plus(config.reportInterval());
        nextReport = following.isAfter(now) ? following : now.plus(config.reportInterval());
        return Optional.of(sendNow());
    }

    private synchronized SendResult settle(SendResult result, List<Round> rounds) {
        inFlight = null;
        switch (result.outcome()) {
            case ACKNOWLEDGED -> acknowledged++;
            case REFUSED -> {
                refused++;
                LOG.warn("node={} pack refused code={} diagnostic={} (its {} rounds are dropped)", nodeId(),
                        result.responseCode(), result.diagnostic(), rounds.size());
            }
            default -> {
                failed++;
                backlog.addAll(0, rounds);
                trimBacklog();
                LOG.info("node={} pack not delivered outcome={} detail={}; {} rounds kept", nodeId(),
                        result.outcome(), result.diagnostic(), backlog.size());
            }
        }
        return result;
    }

    private void trimBacklog() {
        int excess = backlog.size() - config.maxBacklogRounds();
        if (excess > 0) {
            backlog.subList(0, excess).clear();
            droppedRounds += excess;
            LOG.warn("node={} backlog full: dropped {} oldest rounds ({} so far)", nodeId(), excess, droppedRounds);
        }
    }

    /** The battery voltage now, after every datagram sent so far. */
    public double batteryVolts() {
        return config.battery().voltsAfter(radio.transmissions());
    }

    /** Whether the battery has browned out and the node stopped. */
    public synchronized boolean isBrownedOut() {
        return brownedOut;
    }

    /** Measurement rounds waiting to be sent (not counting a pack in flight). */
    public synchronized int backlogRounds() {
        return backlog.size();
    }

    /** Rounds dropped because the backlog was full. */
    public synchronized long droppedRounds() {
        return droppedRounds;
    }

    /** Datagrams lost by the radio so far, both directions. */
    public long lostDatagrams() {
        return radio.lost();
    }

    /** What this node has sent so far. */
    public synchronized NodeCounts counts() {
        return new NodeCounts(sent, acknowledged, refused, failed, radio.transmissions());
    }

    /** Stops the node: closes its endpoint and its own threads. A pack still in flight may never settle. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!brownedOut) {
            link.close();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
        LOG.info("node={} stopped counts={}", nodeId(), counts());
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "coap-node-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
