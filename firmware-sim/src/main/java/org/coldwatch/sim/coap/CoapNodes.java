package org.coldwatch.sim.coap;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of simulated wireless nodes reporting to one gateway: adds them, drives their schedules and adds up what
 * they sent. All nodes share one clock and one small pool of Californium threads.
 *
 * <p>{@link #start(Duration)} polls every node's {@link SenmlNode#tick()} at a fixed wall-clock period; each node
 * reports when its report interval has passed on the shared {@link Clock}. With the system clock that is real time;
 * with a clock that runs faster, a scenario compresses a day into minutes. Tests can instead call
 * {@link #sendAllNow()} or the nodes' own methods and need no timing at all.
 */
public final class CoapNodes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoapNodes.class);
    private static final int COAP_THREADS = 2;

    private final URI gateway;
    private final Clock clock;
    private final ScheduledExecutorService coapThreads;
    private final ScheduledExecutorService scheduler;
    private final List<SenmlNode> nodes = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> ticking;
    private boolean stopped;

    private CoapNodes(URI gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
        this.coapThreads = Executors.newScheduledThreadPool(COAP_THREADS, SenmlNode.daemon("pool"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(SenmlNode.daemon("schedule"));
    }

    /** An empty set of nodes that will post to {@code gateway} and read time from {@code clock}. */
    public static CoapNodes against(URI gateway, Clock clock) {
        return new CoapNodes(gateway, clock);
    }

    /**
     * Adds and opens a node.
     *
     * @throws IOException if its socket cannot be opened
     * @throws IllegalArgumentException if a node with this id is already in the set
     * @throws IllegalStateException if the set was stopped
     */
    public synchronized SenmlNode add(NodeConfig config, NodeSensors sensors) throws IOException {
        if (stopped) {
            throw new IllegalStateException("the node set is stopped");
        }
        if (nodes.stream().anyMatch(n -> n.nodeId().equals(config.nodeId()))) {
            throw new IllegalArgumentException("node " + config.nodeId() + " is already in the set");
        }
        SenmlNode node = SenmlNode.open(config, sensors, gateway, clock, coapThreads, null);
        nodes.add(node);
        return node;
    }

    /** The nodes, in the order they were added. */
    public List<SenmlNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Starts polling every node's schedule each {@code tickPeriod} of wall-clock time; the first poll is now. */
    public synchronized void start(Duration tickPeriod) {
        if (tickPeriod.toMillis() < 1) {
            throw new IllegalArgumentException("tickPeriod: at least 1 ms, was " + tickPeriod);
        }
        if (ticking != null || stopped) {
            throw new IllegalStateException(stopped ? "the node set is stopped" : "already started");
        }
        ticking = scheduler.scheduleAtFixedRate(this::tickAll, 0, tickPeriod.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("nodes={} gateway={} started, polling every {}", nodes.size(), gateway, tickPeriod);
    }

    private void tickAll() {
        for (SenmlNode node : nodes) {
            try {
                node.tick();
            } catch (RuntimeException e) {
                LOG.error("node={} tick failed; the other nodes carry on", node.nodeId(), e);
            }
        }
    }

    /**
     * Wakes every node at once ({@link SenmlNode#sendNow()}).
     *
     * @return completes when every node's wake-up has settled, with the results in node order; never completes
     *         exceptionally (a node's outcome tells what happened)
     */
    public CompletionStage<List<SendResult>> sendAllNow() {
        List<CompletableFuture<SendResult>> results = new ArrayList<>();
        for (SenmlNode node : nodes) {
            results.add(node.sendNow().toCompletableFuture());
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> results.stream().map(CompletableFuture::join).toList());
    }

    /** What all nodes have sent so far. */
    public NodeCounts counts() {
        return nodes.stream().map(SenmlNode::counts).reduce(NodeCounts.zero(), NodeCounts::plus);
    }

    /** The node with this id, if present. */
    public Optional<SenmlNode> node(String nodeId) {
        return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
    }

    /** Stops polling, closes every node and the shared threads. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (ticking != null) {
            ticking.cancel(false);
        }
        scheduler.shutdownNow();
        nodes.forEach(SenmlNode::close);
        coapThreads.shutdownNow();
        LOG.info("nodes={} gateway={} stopped counts={}", nodes.size(), gateway, counts());
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
