package org.coldwatch.server.ingest;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.coldwatch.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in endpoint's retained {@code config} topic: it has no broker, so it remembers which gateway subscribed on
 * which connection, sends the current settings from a {@link MqttIngestServer.ConfigSource} on every subscribe, and
 * sends new settings at once to a subscribed gateway. Always publishes QoS 1 with the retain flag set, on the
 * connection's own Vert.x context.
 */
final class ConfigDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigDelivery.class);

    private record Subscriber(MqttEndpoint endpoint, Context context) {
    }

    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private volatile MqttIngestServer.ConfigSource source = gatewayId -> Future.succeededFuture(Optional.empty());

    void source(MqttIngestServer.ConfigSource value) {
        source = value;
    }

    /** The gateway subscribed to its config topic on {@code endpoint}: send it the current settings. */
    void subscribed(String gatewayId, MqttEndpoint endpoint, Context context) {
        subscribers.put(gatewayId, new Subscriber(endpoint, context));
        source.current(gatewayId).onComplete(result -> context.runOnContext(v -> {
            if (result.succeeded()) {
                result.result().ifPresent(payload -> send(endpoint, gatewayId, payload));
            } else {
                LOG.error("gateway={} settings cannot be read now: {}", gatewayId, result.cause().toString());
            }
        }));
    }

    /** The connection {@code endpoint} of the gateway ended. */
    void closed(String gatewayId, MqttEndpoint endpoint) {
        subscribers.computeIfPresent(gatewayId, (id, s) -> s.endpoint() == endpoint ? null : s);
    }

    /** Sends {@code payload} now if the gateway is subscribed; returns whether it was. */
    boolean publish(String gatewayId, byte[] payload) {
        Subscriber s = subscribers.get(gatewayId);
        if (s == null || !s.endpoint().isConnected()) {
            return false;
        }
        s.context().runOnContext(v -> send(s.endpoint(), gatewayId, payload));
        return true;
    }

    private static void send(MqttEndpoint endpoint, String gatewayId, byte[] payload) {
        if (!endpoint.isConnected()) {
            return;
        }
        endpoint.publish(Topics.config(gatewayId), Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, true)
                .onSuccess(id -> LOG.info("gateway={} settings sent ({} bytes)", gatewayId, payload.length))
                .onFailure(e -> LOG.warn("gateway={} settings not sent: {}; it gets them on its next subscribe",
                        gatewayId, e.toString()));
    }
}
