package org.coldwatch.server.ingest;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import java.time.Duration;
import org.coldwatch.server.ingest.limits.GatewayRateLimiter;
import org.coldwatch.server.ingest.limits.InflightBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PUBLISH from an accepted gateway, from receipt to answer: {@code track → checkSize → pipeline → throttle →
 * answer → release}. The answer is PUBACK success once the pipeline says the message may be acknowledged, PUBACK
 * with a reason code for a refusal (MQTT 5), and no answer at all for a failure of ours (the connection is closed
 * so that the gateway sends again). A gateway above its rate gets its PUBACK later, never a refusal.
 */
final class PublishFlow {
    private static final Logger LOG = LoggerFactory.getLogger(PublishFlow.class);
    static final int MQTT_5 = 5;

    private final Vertx vertx;
    private final IngestPipeline pipeline;
    private final GatewayRateLimiter rateLimiter;
    private final InflightBudget budget;
    private final int maxPayloadBytes;
    private final EndpointMetrics metrics;
    private final Runnable readStateChanged;

    /**
     * @param readStateChanged called when the in-flight budget crossed a mark: stop or resume reading
     */
    PublishFlow(Vertx vertx, IngestPipeline pipeline, GatewayRateLimiter rateLimiter, InflightBudget budget,
                int maxPayloadBytes, EndpointMetrics metrics, Runnable readStateChanged) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.rateLimiter = rateLimiter;
        this.budget = budget;
        this.maxPayloadBytes = maxPayloadBytes;
        this.metrics = metrics;
        this.readStateChanged = readStateChanged;
    }

    void onPublish(Context context, MqttEndpoint endpoint, String gatewayId, MqttPublishMessage message) {
        byte[] payload = message.payload().getBytes();
        track(payload.length);
        checkSize(gatewayId, payload)
                .compose(ok -> pipeline.onPublishCountingReadings(gatewayId, message.topicName(), payload))
                .onComplete(result -> context.runOnContext(v -> throttle(gatewayId, result).onComplete(
                        delayed -> answerAndRelease(endpoint, gatewayId, message, result, payload.length))));
    }

    private void answerAndRelease(MqttEndpoint endpoint, String gatewayId, MqttPublishMessage message,
                                  AsyncResult<Integer> result, int bytes) {
        try {
            answer(endpoint, gatewayId, message, result);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the connection went away between the check and the answer; the gateway sends the message again
            LOG.debug("gateway={} message {} not answered: {}", gatewayId, message.messageId(), e.toString());
        } finally {
            release(bytes);
        }
    }

    private void track(int bytes) {
        if (budget.add(bytes)) {
            metrics.readPaused();
            readStateChanged.run();
        }
    }

    private void release(int bytes) {
        if (budget.release(bytes)) {
            readStateChanged.run();
        }
    }

    private Future<Void> checkSize(String gatewayId, byte[] payload) {
        if (payload.length <= maxPayloadBytes) {
            return Future.succeededFuture();
        }
        RefusedException refusal = new RefusedException(RejectReason.PAYLOAD_TOO_LARGE,
                "payload is " + payload.length + " bytes; the limit is " + maxPayloadBytes);
        pipeline.refused(gatewayId, refusal, payload);
        return Future.failedFuture(refusal);
    }

    /** Succeeds when the answer may go: at once, or after the gateway's rate limit says so. */
    private Future<Void> throttle(String gatewayId, AsyncResult<Integer> result) {
        if (result.failed()) {
            return Future.succeededFuture();
        }
        Duration delay = rateLimiter.charge(gatewayId, result.result());
        if (delay.toMillis() < 1) {
            return Future.succeededFuture();
        }
        metrics.throttled(delay);
        return vertx.timer(delay.toMillis()).mapEmpty();
    }

    private void answer(MqttEndpoint endpoint, String gatewayId, MqttPublishMessage message,
                        AsyncResult<Integer> result) {
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

    /** MQTT 5 properties holding a reason string, cut to 1,000 characters. */
    static MqttProperties reasonString(String reason) {
        MqttProperties properties = new MqttProperties();
        String text = reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
        properties.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), text));
        return properties;
    }
}
