package org.coldwatch.sim.pi4j;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns sampled input levels into Pi4J edge events, like the kernel's GPIO interrupt does on a board: one daemon
 * thread samples every open simulated input each period and lets the input dispatch a state-change event when the
 * level differs from the last one it reported. Chatter faster than the period can merge; the period bounds the
 * latency. The thread runs only while inputs are open.
 */
final class EdgeWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeWatcher.class);

    private final long periodNanos;
    private final Set<SimulatedDigitalInput> inputs = new CopyOnWriteArraySet<>();
    private ScheduledExecutorService executor;

    EdgeWatcher(Duration period) {
        this.periodNanos = period.toNanos();
    }

    synchronized void watch(SimulatedDigitalInput input) {
        inputs.add(input);
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "sim-gpio-edges");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleAtFixedRate(this::sampleAll, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    synchronized void forget(SimulatedDigitalInput input) {
        inputs.remove(input);
        if (inputs.isEmpty() && executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private void sampleAll() {
        for (SimulatedDigitalInput input : inputs) {
            try {
                input.sample();
            } catch (RuntimeException e) {
                LOG.warn("sim-gpio pin={} sampling failed; edge events may be missed", input.pin(), e);
            }
        }
    }
}
