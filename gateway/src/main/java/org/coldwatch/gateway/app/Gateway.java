package org.coldwatch.gateway.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.outbox.Outbox;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.gateway.sensor.ReadingObserver;
import org.coldwatch.gateway.sensor.Sampler;
import org.coldwatch.gateway.sensor.SamplerStats;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorHealth;
import org.coldwatch.gateway.sensor.SensorKinds;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.gateway.uplink.PahoUplink;
import org.coldwatch.gateway.uplink.Uplink;
import org.coldwatch.gateway.uplink.UplinkStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: {@link Sampler} → {@link SqliteOutbox} → {@link PahoUplink}. The one place that wires them.
 *
 * <pre>{@code
 * GatewayConfig config = GatewayConfig.builder("gw-1", "secret")
 *         .serverUri("tcp://127.0.0.1:1883").outboxPath(dir.resolve("outbox.db")).build();
 * try (Gateway gateway = Gateway.start(config, List.of(mySource), Clock.systemUTC())) {
 *     ...
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Outbox outbox;
    private final ReadingIntake intake;
    private final Sampler sampler;
    private final Uplink uplink;
    private final List<SensorSource> sources;
    private boolean closed;

    private Gateway(GatewayConfig config, Outbox outbox, ReadingIntake intake, Sampler sampler, Uplink uplink,
            List<SensorSource> sources) {
        this.config = config;
        this.outbox = outbox;
        this.intake = intake;
        this.sampler = sampler;
        this.uplink = uplink;
        this.sources = sources;
    }

    /**
     * Opens the outbox, starts sending it over the uplink (connecting in the background, retrying until closed), and
     * starts sampling {@code sources} every {@code sampling.intervalMillis} (push sources, such as door contacts,
     * are started with the intake first). The sources are closed with the gateway.
     *
     * @param sources may be empty: the gateway then only drains its outbox (and whatever {@link #outbox()} is fed)
     * @param clock   the time readings and batches are stamped with
     * @throws org.coldwatch.gateway.outbox.OutboxException if the outbox file cannot be opened
     */
    public static Gateway start(GatewayConfig config, List<SensorSource> sources, Clock clock) {
        return start(config, sources, clock, List.of());
    }

    /**
     * {@link #start(GatewayConfig, List, Clock)} with {@code observers} registered on the intake before any source
     * starts, so they also see what push sources report at once (a door's state at start-up).
     */
    public static Gateway start(GatewayConfig config, List<SensorSource> sources, Clock clock,
            List<ReadingObserver> observers) {
        Outbox outbox = SqliteOutbox.open(config.outbox().path(), config.gateway().id(),
                config.outbox().maxReadingsPerBatch(), clock);
        Uplink uplink = new PahoUplink(config, outbox, softwareVersion());
        ReadingIntake intake = new ReadingIntake(outbox);
        observers.forEach(intake::addObserver);
        Sampler sampler = new Sampler(sources, intake, clock, config.sampling().interval());
        uplink.start();
        sources.forEach(source -> source.start(intake));
        sampler.start();
        LOG.info("gateway: id={} started: {} sensor source(s), outbox {} with {} readings waiting, server {}",
                config.gateway().id(), sources.size(), config.outbox().path(), outbox.depth(),
                config.uplink().serverUri());
        return new Gateway(config, outbox, intake, sampler, uplink, List.copyOf(sources));
    }

    /**
     * Builds one source per configured sensor through the {@link SensorKinds} on the class path.
     *
     * @throws org.coldwatch.gateway.config.ConfigException naming the first bad {@code sensors[i].key}
     */
    public static List<SensorSource> sourcesFrom(GatewayConfig config, SensorContext sensors) {
        return SensorKinds.load().create(config.sensors(), sensors);
    }

    /** The gateway's outbox: append readings here to send them without a sensor source. */
    public Outbox outbox() {
        return outbox;
    }

    /** Where readings that are not polled (CoAP nodes) enter; observers (local alarm) register here. */
    public ReadingIntake intake() {
        return intake;
    }

    /** Readings not yet acknowledged by the server. */
    public long outboxDepth() {
        return outbox.depth();
    }

    /** Batches the server refused. */
    public long quarantinedCount() {
        return outbox.quarantinedCount();
    }

    /** Uplink counters. */
    public UplinkStats uplinkStats() {
        return uplink.stats();
    }

    /** Sampler counters. */
    public SamplerStats samplerStats() {
        return sampler.stats();
    }

    /** The health of every source that tracks one, in the order of the sources. */
    public List<SensorHealth> sensorHealth() {
        return sources.stream().flatMap(source -> source.health().stream()).toList();
    }

    /** The configuration this gateway runs with. */
    public GatewayConfig config() {
        return config;
    }

    /** Stops sampling, announces "offline" and disconnects cleanly, then closes the outbox. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sampler.close();
        sources.forEach(SensorSource::close);
        uplink.close();
        long depth = outbox.depth();
        outbox.close();
        LOG.info("gateway: id={} stopped; {} readings wait in the outbox", config.gateway().id(), depth);
    }

    /** This build's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String softwareVersion() {
        try (InputStream in = Gateway.class.getResourceAsStream("/coldwatch-gateway.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return Optional.ofNullable(properties.getProperty("version")).orElse("unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
