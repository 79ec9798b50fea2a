package org.coldwatch.gateway.sensor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coldwatch.gateway.outbox.OutboxException;
import org.coldwatch.protocol.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every source once per interval on one scheduled thread and hands what it gets to the {@link ReadingIntake}
 * (which checks, stores and shows them to observers) in one outbox transaction per round.
 *
 * <p>A failing source does not stop the others. Its fault is logged when it starts and when it ends (not on every
 * round) and counted in {@link SamplerStats}; a source that reports {@link SensorSource#health()} logs its own fault
 * changes, so the sampler stays quiet about it.
 */
public final class Sampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    private final List<SensorSource> sources;
    private final ReadingIntake intake;
    private final Clock clock;
    private volatile Duration interval;
    private ScheduledFuture<?> task;
    private final ScheduledExecutorService scheduler;
    private final Set<String> failing = new HashSet<>();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong sourceFailures = new AtomicLong();
    private final AtomicLong appendFailures = new AtomicLong();
    private volatile int failingCount;

    /** A sampler that does nothing until {@link #start()}. */
    public Sampler(List<SensorSource> sources, ReadingIntake intake, Clock clock, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval: must be positive, was " + interval);
        }
        this.sources = List.copyOf(sources);
        this.intake = intake;
        this.clock = clock;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coldwatch-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling: the first round right away, then one per interval. Without sources, does nothing. */
    public void start() {
        if (sources.isEmpty()) {
            return;
        }
        synchronized (this) {
            task = scheduler.scheduleAtFixedRate(this::sampleOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Changes the period while running (remote settings): the next round comes one new interval after this call, a
     * round in progress finishes. Before {@link #start()}, only sets the period.
     */
    public synchronized void changeInterval(Duration newInterval) {
        if (newInterval.isNegative() || newInterval.isZero()) {
            throw new IllegalArgumentException("interval: must be positive, was " + newInterval);
        }
        if (newInterval.equals(interval)) {
            return;
        }
        interval = newInterval;
        if (task != null && !scheduler.isShutdown()) {
            task.cancel(false);
            task = scheduler.scheduleAtFixedRate(this::sampleOnce, newInterval.toMillis(), newInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("sampler: interval now {} ms", newInterval.toMillis());
    }

    /** The period in force. */
    public Duration interval() {
        return interval;
    }

    /** One round: read every source, append everything read in one outbox transaction. */
    void sampleOnce() {
        Instant now = clock.instant();
        List<Reading> batch = new ArrayList<>();
        for (SensorSource source : sources) {
            batch.addAll(readSafely(source, now));
        }
        try {
            ReadingIntake.Accepted accepted = intake.accept("sampler", batch);
            appended.addAndGet(accepted.appended());
            rejected.addAndGet(accepted.rejected());
        } catch (OutboxException e) {
            appendFailures.incrementAndGet();
            LOG.error("sampler: outbox append of {} readings failed: {}", batch.size(), e.getMessage());
        }
        rounds.incrementAndGet();
    }

    private List<Reading> readSafely(SensorSource source, Instant now) {
        List<Reading> readings;
        try {
            readings = source.read(now);
        } catch (SensorException | RuntimeException e) {
            sourceFailures.incrementAndGet();
            if (failing.add(source.name())) {
                failingCount = failing.size();
                if (source.health().isPresent()) {
                    // a source with health logs its own fault changes, with the fault state
                    LOG.debug("sampler: source={} failing: {}", source.name(), e.getMessage());
                } else {
                    LOG.warn("sampler: source={} failed, will keep trying every {} ms: {}", source.name(),
                            interval.toMillis(), e.toString());
                }
            }
            return List.of();
        }
        if (failing.remove(source.name())) {
            failingCount = failing.size();
            if (source.health().isPresent()) {
                LOG.debug("sampler: source={} recovered", source.name());
            } else {
                LOG.info("sampler: source={} recovered", source.name());
            }
        }
        return readings;
    }

    /** Counters since start. */
    public SamplerStats stats() {
        return new SamplerStats(rounds.get(), appended.get(), rejected.get(), sourceFailures.get(), failingCount,
                appendFailures.get());
    }

    /** Stops sampling; a round in progress finishes first (up to 10 s). */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("sampler: a sampling round did not finish within 10 s; abandoning it");
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
