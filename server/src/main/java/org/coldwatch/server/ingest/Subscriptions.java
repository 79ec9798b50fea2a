package org.coldwatch.server.ingest;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.Topics;

/** A gateway's SUBSCRIBE: only its own config topic is granted; anything else is refused and recorded. */
final class Subscriptions {
    private final Vertx vertx;
    private final IngestPipeline pipeline;
    private final ConfigDelivery config;

    Subscriptions(Vertx vertx, IngestPipeline pipeline, ConfigDelivery config) {
        this.vertx = vertx;
        this.pipeline = pipeline;
        this.config = config;
    }

    void onSubscribe(MqttEndpoint endpoint, String gatewayId, MqttSubscribeMessage subscribe) {
        boolean v5 = endpoint.protocolVersion() == PublishFlow.MQTT_5;
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
}
