package org.coldwatch.sim.fleet;

import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pacing thread: wakes up when the next batch of one of its gateways falls due and lets that gateway send. It
 * never waits for an answer: a gateway whose window is full only counts the batch as due, and sends it when an
 * answer frees the window (open loop). Gateways are split among the pacers, so creating and encoding batches
 * runs on several cores.
 */
final class Pacer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Pacer.class);
    private static final long MAX_PARK_NANOS = 10_000_000;

    private final List<VirtualGateway> gateways;
    private final LongSupplier clock;
    private volatile boolean running = true;
    private volatile Thread thread;

    private record Due(long atNanos, VirtualGateway gateway) {
    }

    Pacer(List<VirtualGateway> gateways, LongSupplier clock) {
        this.gateways = gateways;
        this.clock = clock;
    }

    /** Starts the pacing thread. */
    void start(String name) {
        Thread started = new Thread(this, name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Stops pacing (gateways keep sending what is already due when answers free their windows). */
    void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    @Override
    public void run() {
        PriorityQueue<Due> queue = new PriorityQueue<>(Math.max(1, gateways.size()),
                (a, b) -> Long.compare(a.atNanos(), b.atNanos()));
        long start = clock.getAsLong();
        for (VirtualGateway gateway : gateways) {
            enqueue(queue, gateway, start);
        }
        while (running && !queue.isEmpty()) {
            Due next = queue.peek();
            long now = clock.getAsLong();
            if (next.atNanos() > now) {
                LockSupport.parkNanos(Math.min(next.atNanos() - now, MAX_PARK_NANOS));
                continue;
            }
            queue.poll();
            try {
                next.gateway().tick(now);
            } catch (RuntimeException e) {
                LOG.error("fleet: gateway={} could not send: {}", next.gateway().id(), e.toString(), e);
            }
            enqueue(queue, next.gateway(), now);
        }
    }

    private static void enqueue(PriorityQueue<Due> queue, VirtualGateway gateway, long now) {
        long at = gateway.nextDueNanos(now);
        if (at != Long.MAX_VALUE) {
            queue.add(new Due(at, gateway));
        }
    }
}
