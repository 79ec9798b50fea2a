package org.coldwatch.server.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.fleet.GatewayRecord;
import org.coldwatch.server.ingest.limits.GatewayRateLimiter;
import org.coldwatch.server.ingest.limits.InflightBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own MQTT endpoint: authenticates gateways, hands their messages to the {@link IngestPipeline} through
 * a {@link PublishFlow}, and answers each QoS 1 message only when the pipeline says it may (PUBACK after the durable
 * commit, a reason code for a refusal, nothing while storage is slow).
 *
 * <p>Hardened for gateways on the internet: plain TCP and/or TLS from PEM files, a connection limit (a gateway
 * reconnecting replaces its old connection and is not counted twice), per-gateway rate limits that delay
 * acknowledgements, a payload size limit, keep-alive timeouts counted, and a server-wide budget of bytes in flight
 * above which the endpoint stops reading from every connection until the store has caught up.
 *
 * <p>MQTT 3.1.1 cannot carry a refusal: a refused message from a 3.1.1 client is acknowledged (so it is not sent
 * forever); like every refusal it is archived with its payload and reason, so nothing is lost.
 */
public final class MqttIngestServer {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestServer.class);
    private static final int MQTT_5 = PublishFlow.MQTT_5;

    /**
     * Endpoint settings.
     *
     * @param host           address to bind
     * @param port           plain TCP port to bind (0 for any free port)
     * @param receiveMaximum in-flight QoS 1 messages allowed per connection (MQTT 5 Receive Maximum)
     * @param plainEnabled   whether the plain TCP listener runs
     * @param tls            the TLS listener, if any
     * @param limits         connection, rate, size and in-flight limits
     */
    public record Settings(String host, int port, int receiveMaximum, boolean plainEnabled, Optional<MqttTls> tls,
                           EndpointLimits limits) {
        /** Plain TCP only, default limits. */
        public Settings(String host, int port, int receiveMaximum) {
            this(host, port, receiveMaximum, true, Optional.empty(), EndpointLimits.defaults());
        }
    }

    private final Vertx vertx;
    private final Settings settings;
    private final FleetRegistry fleet;
    private final IngestPipeline pipeline;
    private final EndpointMetrics metrics;
    private final InflightBudget budget;
    private final PublishFlow publishes;
    private final Sessions sessions;
    private final ReadPause readPause;
    private final ConfigDelivery config = new ConfigDelivery();
    private final Subscriptions subscriptions;
    private final List<MqttListener> listeners = new ArrayList<>();
    private int plainPort = -1;
    private int tlsPort = -1;

    /** Tells where the retained configuration of a gateway comes from when it subscribes. */
    @FunctionalInterface
    public interface ConfigSource {
        /** @return the gateway's current settings payload, empty if none was ever set */
        Future<Optional<byte[]>> current(String gatewayId);
    }

    public MqttIngestServer(Vertx vertx, Settings settings, FleetRegistry fleet, IngestPipeline pipeline,
                            MeterRegistry registry) {
        this.vertx = vertx;
        this.settings = settings;
        this.fleet = fleet;
        this.pipeline = pipeline;
        this.metrics = new EndpointMetrics(registry);
        this.sessions = new Sessions(settings.limits().maxConnections());
        this.subscriptions = new Subscriptions(vertx, pipeline, config);
        this.budget = InflightBudget.of(settings.limits().maxInflightBytes());
        metrics.watch(budget);
        this.readPause = new ReadPause(budget);
        this.publishes = new PublishFlow(vertx, pipeline,
                new GatewayRateLimiter(settings.limits().rates(), System::nanoTime), budget,
                settings.limits().maxPayloadBytes(), metrics, readPause::apply);
    }

    /**
     * Starts the listeners.
     *
     * @return the bound plain port, or the TLS port if plain TCP is off; fails if a port cannot be bound or the TLS
     *         files cannot be read
     */
    public Future<Integer> start() {
        Future<Void> plain = !settings.plainEnabled() ? Future.succeededFuture()
                : listen(options().setPort(settings.port()), false).map(port -> {
                    plainPort = port;
                    return null;
                });
        return plain.compose(v -> settings.tls().map(this::listenTls).orElseGet(Future::succeededFuture))
                .map(v -> settings.plainEnabled() ? plainPort : tlsPort);
    }

    private Future<Void> listenTls(MqttTls tls) {
        MqttServerOptions options = options().setPort(tls.port()).setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile().toString())
                        .setKeyPath(tls.keyFile().toString()));
        options.setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
        return listen(options, true).map(port -> {
            tlsPort = port;
            return null;
        });
    }

    private MqttServerOptions options() {
        return new MqttServerOptions()
                .setHost(settings.host())
                // Frames up to 4x the payload limit are read, so an oversized payload is refused with a precise
                // reason; anything larger is cut off by the decoder and the connection is closed.
                .setMaxMessageSize(4 * settings.limits().maxPayloadBytes())
                .setTimeoutOnConnect(30);
    }

    private Future<Integer> listen(MqttServerOptions options, boolean tls) {
        return MqttListener.listen(vertx, options, this::onConnect, e -> {
            if (tls) {
                metrics.tlsHandshakeFailed();
                LOG.debug("mqtt TLS handshake failed: {}", e.toString());
            } else {
                LOG.debug("mqtt connection error: {}", e.toString());
            }
        }).map(listener -> {
            listeners.add(listener);
            return listener.actualPort();
        });
    }

    /** Stops listening and closes every connection. */
    public Future<Void> stop() {
        return Future.all(listeners.stream().map(MqttListener::close).toList()).mapEmpty();
    }

    /** The bound TLS port; -1 without TLS. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Serves the retained config topic from {@code source}: what a gateway gets each time it subscribes. */
    public void deliverConfigFrom(ConfigSource source) {
        config.source(source);
    }

    /**
     * Publishes {@code payload} retained at QoS 1 on the gateway's config topic, if it is connected and subscribed
     * now; otherwise it gets it from the {@link ConfigSource} when it next subscribes.
     *
     * @return whether it was sent now
     */
    public boolean publishConfig(String gatewayId, byte[] payload) {
        return config.publish(gatewayId, payload);
    }

    /** Gateways connected now. */
    public int connectionCount() {
        return sessions.size();
    }

    /** Whether the endpoint is listening. */
    public boolean listening() {
        return !listeners.isEmpty() && listeners.stream().allMatch(l -> l.actualPort() > 0);
    }

    private void onConnect(MqttEndpoint endpoint, NetSocket socket) {
        String clientId = endpoint.clientIdentifier();
        String username = endpoint.auth() == null ? null : endpoint.auth().getUsername();
        String password = endpoint.auth() == null ? null : endpoint.auth().getPassword();
        lookUp(username)
                .map(registered -> new Checked(registered,
                        ConnectAuthenticator.check(clientId, username, password, registered)))
                .onSuccess(checked -> checked.refusal().ifPresentOrElse(
                        r -> refuseConnect(endpoint, username == null ? clientId : username, r),
                        () -> admit(endpoint, socket, checked.gateway().orElseThrow())))
                .onFailure(e -> {
                    LOG.error("gateway={} cannot be authenticated now: {}", username, e.toString());
                    metrics.refused("server_unavailable");
                    endpoint.reject(serverUnavailable(endpoint));
                });
    }

    private record Checked(Optional<GatewayRecord> gateway, Optional<RefusedException> refusal) {
    }

    private Future<Optional<GatewayRecord>> lookUp(String username) {
        if (username == null) {
            return Future.succeededFuture(Optional.empty());
        }
        return vertx.executeBlocking(() -> fleet.gateway(username));
    }

    private static MqttConnectReturnCode serverUnavailable(MqttEndpoint endpoint) {
        return endpoint.protocolVersion() == MQTT_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
    }

    private void refuseConnect(MqttEndpoint endpoint, String claimedId, RefusedException refusal) {
        pipeline.refused(claimedId, refusal);
        metrics.refused(refusal.reason().label());
        boolean v5 = endpoint.protocolVersion() == MQTT_5;
        MqttConnectReturnCode code = switch (refusal.reason()) {
            case CLIENT_ID_MISMATCH -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                    : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
            default -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
        };
        endpoint.reject(code, PublishFlow.reasonString(refusal.getMessage()));
    }

    /** Applies the connection limit; a gateway already connected takes its own place again. */
    private void admit(MqttEndpoint endpoint, NetSocket socket, GatewayRecord gateway) {
        String gatewayId = gateway.id();
        Sessions.Admission admission = sessions.admit(gatewayId, new Sessions.Session(endpoint, socket));
        if (!admission.admitted()) {
            int max = sessions.maxConnections();
            metrics.refused("connection_limit");
            if (admission.firstRefusal()) {
                LOG.warn("gateway={} refused: {} gateways connected, the limit (mqtt.maxConnections); further"
                        + " refusals are counted in coldwatch_mqtt_connects_total", gatewayId, max);
            } else {
                LOG.debug("gateway={} refused: connection limit {}", gatewayId, max);
            }
            if (endpoint.protocolVersion() == MQTT_5) {
                endpoint.reject(MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED, PublishFlow.reasonString(
                        "the server serves " + max + " connections at most; try again later"));
            } else {
                endpoint.reject(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            }
            return;
        }
        admission.previous().filter(previous -> previous.endpoint().isConnected()).ifPresent(previous -> {
            LOG.info("gateway={} connected again; closing its previous connection", gatewayId);
            previous.endpoint().close();
        });
        accept(endpoint, socket, gateway);
    }

    private void accept(MqttEndpoint endpoint, NetSocket socket, GatewayRecord gateway) {
        String gatewayId = gateway.id();
        Context context = vertx.getOrCreateContext();
        endpoint.publishHandler(message -> publishes.onPublish(context, endpoint, gatewayId, message));
        endpoint.publishReleaseHandler(endpoint::publishComplete);
        endpoint.subscribeHandler(subscribe -> subscriptions.onSubscribe(endpoint, gatewayId, subscribe));
        endpoint.unsubscribeHandler(unsubscribe -> endpoint.unsubscribeAcknowledge(unsubscribe.messageId()));
        endpoint.exceptionHandler(e -> onException(endpoint, gatewayId, e));
        int serverKeepAlive = serverKeepAlive(endpoint);
        int keepAlive = serverKeepAlive > 0 ? serverKeepAlive : endpoint.keepAliveTimeSeconds();
        MqttListener.onKeepAliveTimeout(socket, serverKeepAlive, () -> readPause.paused(socket), () -> {
            metrics.keepAliveTimedOut();
            LOG.info("gateway={} silent for 1.5 x its keep-alive of {} s; closing", gatewayId, keepAlive);
        });
        endpoint.closeHandler(v -> onClose(gateway, endpoint, socket));
        if (endpoint.protocolVersion() == MQTT_5) {
            MqttProperties properties = new MqttProperties();
            properties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), settings.receiveMaximum()));
            if (serverKeepAlive > 0) {
                properties.add(new MqttProperties.IntegerProperty(
                        MqttProperties.MqttPropertyType.SERVER_KEEP_ALIVE.value(), serverKeepAlive));
            }
            endpoint.accept(false, properties);
        } else {
            endpoint.accept(false);
        }
        metrics.accepted();
        pipeline.connected(gateway);
        readPause.watch(socket, context);
        LOG.info("gateway={} connected (MQTT {}{})", gatewayId, endpoint.protocolVersion() == MQTT_5 ? "5" : "3.1.1",
                endpoint.isSsl() ? ", TLS" : "");
    }

    /**
     * The MQTT 5 Server Keep Alive to announce: {@code mqtt.maxKeepAliveSeconds} if the client asked for none (0) or
     * for more; 0 (the client's own) otherwise, and always for MQTT 3.1.1, which has no way to tell the client.
     */
    private int serverKeepAlive(MqttEndpoint endpoint) {
        int max = settings.limits().maxKeepAliveSeconds();
        int asked = endpoint.keepAliveTimeSeconds();
        return endpoint.protocolVersion() == MQTT_5 && max > 0 && (asked == 0 || asked > max) ? max : 0;
    }

    private void onException(MqttEndpoint endpoint, String gatewayId, Throwable e) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("too large") || text.contains("exceeds")) {
            pipeline.refused(gatewayId, new RefusedException(RejectReason.FRAME_TOO_LARGE, "MQTT frame larger than "
                    + 4 * settings.limits().maxPayloadBytes() + " bytes; connection closed"));
            endpoint.close();
        } else {
            LOG.warn("gateway={} connection error: {}", gatewayId, e.toString());
        }
    }

    private void onClose(GatewayRecord gateway, MqttEndpoint endpoint, NetSocket socket) {
        readPause.forget(socket);
        if (sessions.remove(gateway.id(), new Sessions.Session(endpoint, socket))) {
            config.closed(gateway.id(), endpoint);
            pipeline.disconnected(gateway);
            LOG.info("gateway={} disconnected", gateway.id());
        }
    }
}
