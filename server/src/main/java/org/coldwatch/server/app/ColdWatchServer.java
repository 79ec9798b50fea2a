package org.coldwatch.server.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.MeasurementTimeCheck;
import org.coldwatch.protocol.events.AlarmEventMessage;
import org.coldwatch.protocol.health.GatewayHealth;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.fleet.GatewayPresence;
import org.coldwatch.server.fleet.GatewayState;
import org.coldwatch.server.fleet.ProvisioningThrottle;
import org.coldwatch.server.fleet.JdbcFleetRegistry;
import org.coldwatch.server.fleet.JdbcGatewayState;
import org.coldwatch.server.fleet.MetaDatabase;
import org.coldwatch.server.ingest.GatewayReports;
import org.coldwatch.server.ingest.IngestMetrics;
import org.coldwatch.server.ingest.IngestPipeline;
import org.coldwatch.server.ingest.MqttIngestServer;
import org.coldwatch.server.ingest.RejectionLog;
import org.coldwatch.server.ingest.broker.BrokerIngest;
import org.coldwatch.server.storage.InfluxReadingStore;
import org.coldwatch.server.rollups.InfluxRollupQueries;
import org.coldwatch.server.rollups.InfluxRollups;
import org.coldwatch.server.rollups.RollupQueries;
import org.coldwatch.server.rollups.SqliteRollupQueries;
import org.coldwatch.server.rollups.SqliteRollups;
import org.coldwatch.server.storage.ReadingStore;
import org.coldwatch.server.storage.SqliteReadingStore;
import org.coldwatch.server.storage.SqliteRejectionArchive;
import org.coldwatch.server.web.GatewaySettingsApi;
import org.coldwatch.server.web.HttpApi;
import org.coldwatch.server.web.LiveHub;
import org.coldwatch.server.web.Messages;
import org.coldwatch.server.web.ProvisioningApi;
import org.coldwatch.server.web.RollupsApi;
import org.coldwatch.server.web.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole server, wired: the one place that knows every part. Start it, use it, close it. */
public final class ColdWatchServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ColdWatchServer.class);
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final FleetRegistry fleet;
    private final ReadingStore readings;
    private final RollupQueries rollupQueries;
    private final SqliteRejectionArchive rejectionArchive;
    private final GatewayState gatewayState;
    private final MqttIngestServer mqtt;
    private final Optional<BrokerIngest> broker;
    private final HttpApi http;
    private final int httpPort;
    private final int mqttPort;

    private ColdWatchServer(ServerConfig config, Clock clock) throws Exception {
        Files.createDirectories(config.dataDir());
        MetaDatabase meta = MetaDatabase.of(config.meta());
        fleet = JdbcFleetRegistry.open(meta, clock);
        if (config.influx().isPresent()) {
            readings = InfluxReadingStore.open(config.influx().get(), new InfluxRollups(config.rollups()));
            rollupQueries = InfluxRollupQueries.open(config.influx().get(), config.rollups().zone());
        } else {
            readings = SqliteReadingStore.open(config.dataDir().resolve("readings.db"),
                    new SqliteRollups(config.rollups()));
            rollupQueries = SqliteRollupQueries.open(config.dataDir().resolve("readings.db"));
        }
        gatewayState = JdbcGatewayState.open(meta, clock);
        vertx = Vertx.vertx();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics ingestMetrics = new IngestMetrics(metrics);
        rejectionArchive = SqliteRejectionArchive.open(config.dataDir().resolve("rejections.db"),
                config.rejectionsKept());
        RejectionLog rejections = new RejectionLog(ingestMetrics, rejectionArchive);
        GatewayPresence presence = new GatewayPresence();
        LiveHub live = new LiveHub(vertx);
        IngestPipeline pipeline = new IngestPipeline(readings, presence, live, rejections, ingestMetrics,
                new MeasurementTimeCheck(config.maxAhead(), config.maxBehind()), clock, reports(vertx, gatewayState));
        mqtt = new MqttIngestServer(vertx, config.mqtt(), fleet, pipeline, metrics);
        mqtt.deliverConfigFrom(gatewayId -> vertx.executeBlocking(
                () -> gatewayState.settings(gatewayId).map(GatewayState.Stored::payload)));
        Gauge.builder("coldwatch.mqtt.connections", mqtt, MqttIngestServer::connectionCount)
                .description("Gateways connected to the built-in MQTT endpoint").register(metrics);
        Gauge.builder("coldwatch.gateways.online", presence, GatewayPresence::onlineCount).register(metrics);
        mqttPort = config.ingest().endpoint() ? mqtt.start().toCompletionStage().toCompletableFuture()
                .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) : 0;
        broker = config.ingest().broker().map(settings -> new BrokerIngest(vertx, settings, fleet, pipeline,
                rejections, metrics, clock));
        List<Routes> features = new ArrayList<>(List.of(new ProvisioningApi(vertx, fleet,
                ProvisioningThrottle.standard(clock), mqttPort, metrics)));
        features.add(new RollupsApi(vertx, fleet, rollupQueries, config.rollups(), clock));
        http = new HttpApi(vertx, new HttpApi.Sources(fleet, readings, presence, rejections, mqtt, metrics, live,
                new Messages(), new GatewaySettingsApi(vertx, fleet, gatewayState,
                configPublisher(config, mqtt, broker))), features.toArray(Routes[]::new));
        if (!config.ingest().endpoint()) {
            http.endpointDisabled();
        }
        broker.ifPresent(b -> http.addHealthPart("broker", () -> new JsonObject()
                .put("status", b.connected() ? "UP" : "DOWN").put("url", b.url())));
        if (broker.isPresent()) {
            broker.get().start().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        httpPort = http.start(config.httpHost(), config.httpPort()).toCompletionStage().toCompletableFuture()
                .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("ColdWatch server up: http={}:{} mqtt={}:{} mqttTls={} data={}", config.httpHost(), httpPort,
                config.mqttHost(), mqttPort, mqtt.tlsPort(), config.dataDir().toAbsolutePath());
    }

    /**
     * Opens the stores and starts listening; returns when both ports are bound.
     *
     * @throws Exception if a store cannot be opened or a port cannot be bound
     */
    public static ColdWatchServer start(ServerConfig config, Clock clock) throws Exception {
        return new ColdWatchServer(config, clock);
    }

    private static GatewaySettingsApi.ConfigPublisher configPublisher(ServerConfig config, MqttIngestServer mqtt,
                                                                      Optional<BrokerIngest> broker) {
        return (gatewayId, payload) -> {
            boolean viaEndpoint = config.ingest().endpoint() && mqtt.publishConfig(gatewayId, payload);
            boolean viaBroker = broker.map(b -> b.publishConfig(gatewayId, payload)).orElse(false);
            return viaEndpoint || viaBroker;
        };
    }

    private static GatewayReports reports(Vertx vertx, GatewayState state) {
        return new GatewayReports() {
            @Override
            public Future<Void> health(String gatewayId, GatewayHealth health, byte[] payload, Instant receivedAt) {
                return vertx.executeBlocking(() -> {
                    state.saveHealth(gatewayId, payload, receivedAt);
                    return null;
                });
            }

            @Override
            public void alarmEvent(String gatewayId, AlarmEventMessage event) {
                // logged by ingest; the alert engine will listen here
            }
        };
    }

    /** The bound HTTP port. */
    public int httpPort() {
        return httpPort;
    }

    /** The bound MQTT port. */
    public int mqttPort() {
        return mqttPort;
    }

    /** The fleet registry, e.g. to register gateways. */
    public FleetRegistry fleet() {
        return fleet;
    }

    /** The reading store. */
    public ReadingStore readings() {
        return readings;
    }

    /** Stops listening, lets pending writes finish, and closes the stores. */
    @Override
    public void close() {
        try {
            broker.map(BrokerIngest::stop).orElse(Future.succeededFuture()).compose(v -> mqtt.stop())
                    .compose(v -> http.stop()).toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("stopping listeners failed: {}", e.toString());
        }
        readings.close();
        rollupQueries.close();
        rejectionArchive.close();
        gatewayState.close();
        fleet.close();
        vertx.close();
        LOG.info("ColdWatch server stopped");
    }
}
