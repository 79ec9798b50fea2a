package org.coldwatch.gateway.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.coldwatch.gateway.alarm.AlarmEventPublisher;
import org.coldwatch.gateway.alarm.LocalAlarm;
import org.coldwatch.gateway.coap.CaliforniumNodeServer;
import org.coldwatch.gateway.coap.NodeIngress;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.health.HealthPublisher;
import org.coldwatch.gateway.outbox.ClockSync;
import org.coldwatch.gateway.outbox.Outbox;
import org.coldwatch.gateway.outbox.OutboxHealth;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.gateway.outbox.TimesyncdClockSync;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.gateway.sensor.ReadingObserver;
import org.coldwatch.gateway.sensor.Sampler;
import org.coldwatch.gateway.sensor.SamplerStats;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorHealth;
import org.coldwatch.gateway.sensor.SensorKinds;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.gateway.settings.RemoteSettings;
import org.coldwatch.gateway.settings.SettingsFile;
import org.coldwatch.gateway.settings.SettingsStatus;
import org.coldwatch.gateway.uplink.PahoUplink;
import org.coldwatch.gateway.uplink.Uplink;
import org.coldwatch.gateway.uplink.UplinkStats;
import org.coldwatch.protocol.Topics;
import org.coldwatch.protocol.health.GatewayHealth;
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
    private final NodeIngress nodeIngress;
    private final AlarmWiring alarm;
    private final RemoteSettings settings;
    private final HealthPublisher health;
    private final SensorContext ownHardware;
    private boolean closed;

    private Gateway(GatewayConfig config, Outbox outbox, ReadingIntake intake, Sampler sampler, Uplink uplink,
            List<SensorSource> sources, NodeIngress nodeIngress, AlarmWiring alarm, RemoteSettings settings,
            HealthPublisher health, SensorContext ownHardware) {
        this.config = config;
        this.outbox = outbox;
        this.intake = intake;
        this.sampler = sampler;
        this.uplink = uplink;
        this.sources = sources;
        this.nodeIngress = nodeIngress;
        this.alarm = alarm;
        this.settings = settings;
        this.health = health;
        this.ownHardware = ownHardware;
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
        return start(config, sources, clock, new TimesyncdClockSync());
    }

    /**
     * {@link #start(GatewayConfig, List, Clock)} with {@code observers} registered on the intake before any source
     * starts, so they also see what push sources report at once (a door's state at start-up).
     */
    public static Gateway start(GatewayConfig config, List<SensorSource> sources, Clock clock,
            List<ReadingObserver> observers) {
        return launch(config, sources, clock, new TimesyncdClockSync(), null, observers);
    }

    /**
     * {@link #start(GatewayConfig, List, Clock)} with the clock's synchronisation state given: readings taken while
     * {@code clockSync} says unsynchronised are marked and corrected once it says synchronised.
     */
    public static Gateway start(GatewayConfig config, List<SensorSource> sources, Clock clock, ClockSync clockSync) {
        return launch(config, sources, clock, clockSync, null, List.of());
    }

    /**
     * {@link #start(GatewayConfig, List, Clock, ClockSync)} sharing {@code hardware}'s Pi4J context (the one the
     * sensor sources were built with) for the alarm's pins: one Pi4J context per process. With {@code null} the
     * gateway opens its own when the alarm has pins, and closes it with itself; a given one stays the caller's.
     */
    public static Gateway start(GatewayConfig config, List<SensorSource> sources, Clock clock, ClockSync clockSync,
                                SensorContext hardware) {
        return launch(config, sources, clock, clockSync, hardware, List.of());
    }

    private static Gateway launch(GatewayConfig config, List<SensorSource> sources, Clock clock, ClockSync clockSync,
                                  SensorContext hardware, List<ReadingObserver> observers) {
        SensorContext ownHardware = hardware == null ? SensorContext.auto(clock) : null;
        SensorContext pins = hardware == null ? ownHardware : hardware;
        Outbox outbox = SqliteOutbox.open(config.outbox().path(), config.gateway().id(),
                config.outbox().maxReadingsPerBatch(), config.outboxLimits(), clock, clockSync);
        Uplink uplink = new PahoUplink(config, outbox, softwareVersion());
        ReadingIntake intake = new ReadingIntake(outbox);
        AlarmWiring alarm = AlarmWiring.start(config.alarm(), intake, clock, pins::pi4j);
        alarm.forwardEventsTo(new AlarmEventPublisher(p -> uplink.publishSnapshot(Topics.Channel.EVENTS, p)));
        observers.forEach(intake::addObserver);
        Sampler sampler = new Sampler(sources, intake, clock, config.sampling().interval());
        NodeIngress nodeIngress;
        try {
            nodeIngress = config.coap().enabled()
                    ? CaliforniumNodeServer.start(config.coap(), intake, clock) : NodeIngress.disabled();
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
        RemoteSettings settings = new RemoteSettings(config.gateway().id(),
                new SettingsTarget(sampler, intake, alarm.alarm()), SettingsFile.besideOutbox(config.outbox().path()),
                config.sampling().interval());
        settings.restore();
        HealthPublisher health = new HealthPublisher(config.gateway().id(), config.health(),
                new HealthPublisher.Sources(outbox, config.outbox().path(), uplink, sampler::stats, settings::status,
                        alarm.alarm()::state, () -> healthOf(sources)), clock);
        uplink.onConfig(payload -> {
            settings.received(payload);
            health.publishSoon();
        });
        uplink.start();
        sources.forEach(source -> source.start(intake));
        sampler.start();
        health.start();
        LOG.info("gateway: id={} started: {} sensor source(s), outbox {} with {} readings waiting, server {}",
                config.gateway().id(), sources.size(), config.outbox().path(), outbox.depth(),
                config.uplink().serverUri());
        return new Gateway(config, outbox, intake, sampler, uplink, List.copyOf(sources), nodeIngress, alarm,
                settings, health, ownHardware);
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

    /** The CoAP server of the wireless nodes (a no-op one when {@code coap.enabled} is false). */
    public NodeIngress nodeIngress() {
        return nodeIngress;
    }

    /** Readings not yet acknowledged by the server. */
    public long outboxDepth() {
        return outbox.depth();
    }

    /** The outbox's depth, age, disk budget use and state, for the health publisher and {@code status}. */
    public OutboxHealth outboxHealth() {
        return outbox.health();
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
        return healthOf(sources);
    }

    private static List<SensorHealth> healthOf(List<SensorSource> sources) {
        return sources.stream().flatMap(source -> source.health().stream()).toList();
    }

    /** The local alarm: its state, and where the server's rules go. */
    public LocalAlarm alarm() {
        return alarm.alarm();
    }

    /** A health report made now (what the next published one would say). */
    public GatewayHealth health() {
        return health.report();
    }

    /** Which server settings are applied, and the last refusal. */
    public SettingsStatus settingsStatus() {
        return settings.status();
    }

    /** The sampling period in force (the file's, or the server's settings'). */
    public Duration samplingInterval() {
        return sampler.interval();
    }

    /** The configuration this gateway runs with. */
    public GatewayConfig config() {
        return config;
    }

    /** Stops the CoAP server and sampling, announces "offline" and disconnects cleanly, then closes the outbox. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        health.close();
        nodeIngress.close();
        sampler.close();
        sources.forEach(SensorSource::close);
        alarm.close();
        if (ownHardware != null) {
            ownHardware.close();
        }
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
