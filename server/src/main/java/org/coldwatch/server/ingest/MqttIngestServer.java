package org.coldwatch.server.ingest;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.Topics;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.fleet.GatewayRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own MQTT endpoint (Vert.x MQTT): authenticates gateways, hands their messages to the
 * {@link IngestPipeline} and answers each QoS 1 message only when the pipeline says it may: PUBACK success after the
 * durable commit, PUBACK with a reason code for a refusal (MQTT 5), nothing while storage is slow (backpressure,
 * bounded by the Receive Maximum advertised in the CONNACK).
 *
 * <p>MQTT 3.1.1 cannot carry a refusal: a refused message from a 3.1.1 client is acknowledged (so it is not sent
 * forever); like every refusal it is archived with its payload and reason, so nothing is lost.
 */
public final class MqttIngestServer {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestServer.class);
    private static final int MQTT_5 = 5;

    /**
     * Endpoint settings.
     *
     * @param host           address to bind
     * @param port           port to bind (0 for any free port)
     * @param receiveMaximum in-flight QoS 1 messages allowed per connection (MQTT 5 Receive Maximum)
     */
    public record Settings(String host, int port, int receiveMaximum) {
    }

    private final Vertx vertx;
    private final Settings settings;
    private final FleetRegistry fleet;
    private final IngestPipeline pipeline;
    private final Map<String, MqttEndpoint> sessions = new ConcurrentHashMap<>();
    private final ConfigDelivery config = new ConfigDelivery();
    private MqttServer server;

    /** Where the retained configuration of a gateway comes from when it subscribes. */
    @FunctionalInterface
    public interface ConfigSource {
        /** @return the gateway's current settings payload, empty if none was ever set */
        Future<Optional<byte[]>> current(String gatewayId);
    }

    public MqttIngestServer(Vertx vertx, Settings settings, FleetRegistry fleet, IngestPipeline pipeline) {
        this.vertx = vertx;
        this.settings = settings;
        this.fleet = fleet;
        this.pipeline = pipeline;
    }

    /**
     * Starts listening.
     *
     * @return the bound port once listening; fails if the address cannot be bound
     */
    public Future<Integer> start() {
        MqttServerOptions options = new MqttServerOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                // Frames up to 4x the payload limit are read, so an oversized payload is refused with a precise
                // reason; anything larger is cut off by the decoder and the connection is closed.
                .setMaxMessageSize(4 * Limits.MAX_PAYLOAD_BYTES)
                .setTimeoutOnConnect(30);
        server = MqttServer.create(vertx, options);
        server.endpointHandler(this::onConnect).exceptionHandler(e -> LOG.warn("mqtt server error: {}", e.toString()));
        return server.listen().map(MqttServer::actualPort);
    }

    /** Stops listening and closes every connection. */
    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
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
        return server != null && server.actualPort() > 0;
    }

    private void onConnect(MqttEndpoint endpoint) {
        String clientId = endpoint.clientIdentifier();
        String username = endpoint.auth() == null ? null : endpoint.auth().getUsername();
        String password = endpoint.auth() == null ? null : endpoint.auth().getPassword();
        lookUp(username)
                .map(registered -> new Checked(registered,
                        ConnectAuthenticator.check(clientId, username, password, registered)))
                .onSuccess(checked -> checked.refusal().ifPresentOrElse(
                        r -> refuseConnect(endpoint, username == null ? clientId : username, r),
                        () -> accept(endpoint, checked.gateway().orElseThrow())))
                .onFailure(e -> {
                    LOG.error("gateway={} cannot be authenticated now: {}", username, e.toString());
                    endpoint.reject(endpoint.protocolVersion() == MQTT_5
                            ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                            : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
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

    private void refuseConnect(MqttEndpoint endpoint, String claimedId, RefusedException refusal) {
        pipeline.refused(claimedId, refusal);
        boolean v5 = endpoint.protocolVersion() == MQTT_5;
        MqttConnectReturnCode code = switch (refusal.reason()) {
            case CLIENT_ID_MISMATCH -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                    : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
            default -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
        };
        endpoint.reject(code, reasonString(refusal.getMessage()));
    }

    private void accept(MqttEndpoint endpoint, GatewayRecord gateway) {
        String gatewayId = gateway.id();
        Context context = vertx.getOrCreateContext();
        endpoint.publishHandler(message -> onPublish(context, endpoint, gatewayId, message));
        endpoint.publishReleaseHandler(endpoint::publishComplete);
        endpoint.subscribeHandler(subscribe -> onSubscribe(endpoint, gatewayId, subscribe));
        endpoint.unsubscribeHandler(unsubscribe -> endpoint.unsubscribeAcknowledge(unsubscribe.messageId()));
        endpoint.exceptionHandler(e -> onException(gatewayId, e));
        endpoint.closeHandler(v -> onClose(gateway, endpoint));
        MqttEndpoint previous = sessions.put(gatewayId, endpoint);
        if (previous != null && previous.isConnected()) {
            LOG.info("gateway={} connected again; closing its previous connection", gatewayId);
            previous.close();
        }
        if (endpoint.protocolVersion() == MQTT_5) {
            MqttProperties properties = new MqttProperties();
            properties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), settings.receiveMaximum()));
            endpoint.accept(false, properties);
        } else {
            endpoint.accept(false);
        }
        pipeline.connected(gateway);
        LOG.info("gateway={} connected (MQTT {})", gatewayId, endpoint.protocolVersion() == MQTT_5 ? "5" : "3.1.1");
    }

    private void onPublish(Context context, MqttEndpoint endpoint, String gatewayId, MqttPublishMessage message) {
        byte[] payload = message.payload().getBytes();
        pipeline.onPublish(gatewayId, message.topicName(), payload)
                .onComplete(result -> context.runOnContext(v -> answer(endpoint, gatewayId, message, result)));
    }

    private void answer(MqttEndpoint endpoint, String gatewayId, MqttPublishMessage message, AsyncResult<Void> result) {
        if (message.qosLevel() == MqttQoS.AT_MOST_ONCE) {
            return;
        }
        if (!endpoint.isConnected()) {
            LOG.debug("gateway={} left before message {} could be answered; it will send it again", gatewayId,
                    message.messageId());
            return;
        }
        if (result.succeeded()) {
            acknowledge(endpoint, message, null);
        } else if (result.cause() instanceof RefusedException refusal) {
            acknowledge(endpoint, message, endpoint.protocolVersion() == MQTT_5 ? refusal : null);
        } else {
            LOG.error("gateway={} message {} not stored, closing the connection so that it is sent again: {}",
                    gatewayId, message.messageId(), result.cause().toString());
            endpoint.close();
        }
    }

    private static void acknowledge(MqttEndpoint endpoint, MqttPublishMessage message, RefusedException refusal) {
        int id = message.messageId();
        boolean exactlyOnce = message.qosLevel() == MqttQoS.EXACTLY_ONCE;
        if (refusal == null) {
            if (exactlyOnce) {
                endpoint.publishReceived(id);
            } else {
                endpoint.publishAcknowledge(id);
            }
            return;
        }
        byte code = (byte) refusal.reason().mqttReasonCode();
        MqttProperties properties = reasonString(refusal.getMessage());
        if (exactlyOnce) {
            endpoint.publishReceived(id, MqttPubRecReasonCode.valueOf(code), properties);
        } else {
            endpoint.publishAcknowledge(id, MqttPubAckReasonCode.valueOf(code), properties);
        }
    }

    private void onSubscribe(MqttEndpoint endpoint, String gatewayId, MqttSubscribeMessage subscribe) {
        boolean v5 = endpoint.protocolVersion() == MQTT_5;
        List<MqttSubAckReasonCode> codes = new ArrayList<>();
        List<MqttQoS> grantedQos = new ArrayList<>();
        boolean wantsConfig = false;
        for (MqttTopicSubscription subscription : subscribe.topicSubscriptions()) {
            if (subscription.topicName().equals(Topics.config(gatewayId))) {
                wantsConfig = true;
                MqttQoS qos = subscription.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE
                        : MqttQoS.AT_LEAST_ONCE;
                grantedQos.add(qos);
                codes.add(MqttSubAckReasonCode.qosGranted(qos));
            } else {
                pipeline.refused(gatewayId, new RefusedException(RejectReason.FOREIGN_TOPIC, "subscription to '"
                        + subscription.topicName() + "': a gateway may subscribe only to " + Topics.config(gatewayId)));
                grantedQos.add(MqttQoS.FAILURE);
                codes.add(MqttSubAckReasonCode.NOT_AUTHORIZED);
            }
        }
        if (v5) {
            endpoint.subscribeAcknowledge(subscribe.messageId(), codes, MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.subscribeAcknowledge(subscribe.messageId(), grantedQos);
        }
        if (wantsConfig) {
            config.subscribed(gatewayId, endpoint, vertx.getOrCreateContext());
        }
    }

    private void onException(String gatewayId, Throwable e) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("too large") || text.contains("exceeds")) {
            pipeline.refused(gatewayId, new RefusedException(RejectReason.FRAME_TOO_LARGE,
                    "MQTT frame larger than " + 4 * Limits.MAX_PAYLOAD_BYTES + " bytes; connection closed"));
        } else {
            LOG.warn("gateway={} connection error: {}", gatewayId, e.toString());
        }
    }

    private void onClose(GatewayRecord gateway, MqttEndpoint endpoint) {
        if (sessions.remove(gateway.id(), endpoint)) {
            config.closed(gateway.id(), endpoint);
            pipeline.disconnected(gateway);
            LOG.info("gateway={} disconnected", gateway.id());
        }
    }

    private static MqttProperties reasonString(String reason) {
        MqttProperties properties = new MqttProperties();
        String text = reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
        properties.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), text));
        return properties;
    }
}
