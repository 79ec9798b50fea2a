package org.coldwatch.gateway.health;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.coldwatch.gateway.alarm.AlarmState;
import org.coldwatch.gateway.outbox.Outbox;
import org.coldwatch.gateway.sensor.SensorHealth;
import org.coldwatch.gateway.sensor.SamplerStats;
import org.coldwatch.gateway.settings.SettingsStatus;
import org.coldwatch.gateway.uplink.Uplink;
import org.coldwatch.protocol.Topics;
import org.coldwatch.protocol.health.GatewayHealth;
import org.coldwatch.protocol.health.GatewayHealthCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code health.intervalSeconds}, gathers the gateway's figures and publishes them on the {@code health} topic
 * (QoS 0, only while connected: a report is a snapshot and the next one follows). The latest report is also kept for
 * the CLI's status and for tests.
 */
public final class HealthPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthPublisher.class);

    /** Where the figures come from. */
    public record Sources(Outbox outbox, Path outboxPath, Uplink uplink, Supplier<SamplerStats> sampler,
                          Supplier<SettingsStatus> settings, Supplier<AlarmState> alarm,
                          Supplier<List<SensorHealth>> sensors) {
    }

    private final String gatewayId;
    private final HealthSettings settings;
    private final Sources sources;
    private final Clock clock;
    private final Instant startedAt;
    private final CpuTemperature cpu;
    private final ScheduledExecutorService scheduler;
    private volatile GatewayHealth latest;

    public HealthPublisher(String gatewayId, HealthSettings settings, Sources sources, Clock clock) {
        this.gatewayId = gatewayId;
        this.settings = settings;
        this.sources = sources;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.cpu = new CpuTemperature(settings.cpuTemperaturePath());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coldwatch-health");
            t.setDaemon(true);
            return t;
        });
    }

    /** Publishes the first report after one interval, then one per interval. */
    public void start() {
        long millis = settings.interval().toMillis();
        scheduler.scheduleAtFixedRate(this::publishOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Publishes a report soon, off the caller's thread (e.g. right after settings were applied or refused). */
    public void publishSoon() {
        if (!scheduler.isShutdown()) {
            scheduler.execute(this::publishOnce);
        }
    }

    /** Builds the report now. */
    public GatewayHealth report() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        SettingsStatus status = sources.settings().get();
        HealthInputs inputs = new HealthInputs(clock.instant(), startedAt, sources.outbox().depth(),
                sources.outbox().oldestUnsent(), diskFree(), cpu.celsius(), heap.getUsed(),
                heap.getMax() < 0 ? heap.getCommitted() : heap.getMax(), sources.uplink().stats().reconnects(),
                sources.sampler().get().failingSources(), status.appliedVersion(), status.refusal(),
                sources.alarm().get(), Optional.of(sources.outbox().health()), sources.sensors().get());
        return inputs.toReport(gatewayId);
    }

    /** Builds and publishes one report. */
    void publishOnce() {
        try {
            GatewayHealth report = report();
            latest = report;
            if (!sources.uplink().publishSnapshot(Topics.Channel.HEALTH, GatewayHealthCodec.encode(report))) {
                LOG.debug("health: gateway={} not connected; report not sent", gatewayId);
            }
        } catch (RuntimeException e) {
            LOG.warn("health: gateway={} report failed: {}", gatewayId, e.toString());
        }
    }

    /** The last report built by the schedule, if any. */
    public Optional<GatewayHealth> latest() {
        return Optional.ofNullable(latest);
    }

    private Optional<Long> diskFree() {
        try {
            Path dir = sources.outboxPath().toAbsolutePath().getParent();
            return Optional.of(Files.getFileStore(dir).getUsableSpace());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
