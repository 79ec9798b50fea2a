package org.coldwatch.gateway.uplink;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.coldwatch.gateway.outbox.Outbox;
import org.coldwatch.gateway.outbox.OutboxException;
import org.coldwatch.gateway.outbox.SealedBatch;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server's answer to one published batch means for the outbox: a PUBACK below 0x80 acknowledges the batch,
 * 0x80 or above is a refusal that moves it to quarantine, and no PUBACK at all (connection lost) leaves it in the
 * outbox to be resent. Paho reports refusals through {@code onSuccess}, so the reason code is checked here.
 *
 * <p>One success code is not a delivery: 0x10 "No matching subscribers" comes from an external broker that had no
 * ColdWatch server subscribed (e.g. Mosquitto 2.0.11 forgets shared subscriptions when it restarts, until the
 * servers subscribe again) and then drops the message. Such a batch stays in the outbox and the session is ended
 * through {@code notDelivered}, so that the uplink reconnects after its backoff and resends from the oldest
 * unacknowledged batch.
 * Every answer frees the batch's place in the connection's in-flight window (given its seq).
 */
final class PublishAnswers implements MqttActionListener {
    private static final Logger LOG = LoggerFactory.getLogger(PublishAnswers.class);
    private static final int FIRST_REFUSAL_CODE = 0x80;
    /** MQTT 5 PUBACK reason code 0x10: accepted by the broker, but nobody subscribed, so not delivered. */
    static final int NO_MATCHING_SUBSCRIBERS = 0x10;

    private final String gatewayId;
    private final Outbox outbox;
    private final LongConsumer freeWindowPlace;
    private final AtomicLong acknowledged;
    private final AtomicLong quarantined;
    private final Runnable notDelivered;

    PublishAnswers(String gatewayId, Outbox outbox, LongConsumer freeWindowPlace, AtomicLong acknowledged,
                   AtomicLong quarantined, Runnable notDelivered) {
        this.notDelivered = notDelivered;
        this.gatewayId = gatewayId;
        this.outbox = outbox;
        this.freeWindowPlace = freeWindowPlace;
        this.acknowledged = acknowledged;
        this.quarantined = quarantined;
    }

    /** PUBACK received: below 0x80 the server stored the batch (except 0x10, see above), from 0x80 it refused it. */
    @Override
    public void onSuccess(IMqttToken token) {
        if (!(token.getUserContext() instanceof SealedBatch batch)) {
            return;
        }
        freeWindowPlace.accept(batch.seq());
        int[] codes = token.getReasonCodes();
        int code = codes == null || codes.length == 0 ? 0 : codes[0];
        if (code == NO_MATCHING_SUBSCRIBERS) {
            LOG.warn("uplink: gateway={} seq={} reached a broker with no server subscribed (reason code 0x10);"
                    + " kept in the outbox, reconnecting to send it again", gatewayId, batch.seq());
            notDelivered.run();
            return;
        }
        try {
            if (code < FIRST_REFUSAL_CODE) {
                outbox.acknowledge(batch.seq());
                acknowledged.incrementAndGet();
            } else {
                String reason = reasonString(token);
                outbox.quarantine(batch.seq(), code, reason);
                quarantined.incrementAndGet();
                LOG.warn("uplink: gateway={} server refused seq={} ({} readings) with reason code 0x{}: {};"
                                + " batch moved to quarantine", gatewayId, batch.seq(), batch.readingCount(),
                        Integer.toHexString(code), reason);
            }
        } catch (OutboxException e) {
            LOG.error("uplink: gateway={} cannot record the answer to seq={}: {}; it will be resent",
                    gatewayId, batch.seq(), e.getMessage());
        }
    }

    /** No PUBACK (connection lost, client closed): the batch stays in the outbox and is resent later. */
    @Override
    public void onFailure(IMqttToken token, Throwable failure) {
        if (token.getUserContext() instanceof SealedBatch batch) {
            freeWindowPlace.accept(batch.seq());
            LOG.debug("uplink: gateway={} seq={} not acknowledged: {}", gatewayId, batch.seq(),
                    failure == null ? "unknown" : failure.getMessage());
        }
    }

    private static String reasonString(IMqttToken token) {
        MqttProperties properties = token.getResponseProperties();
        String reason = properties == null ? null : properties.getReasonString();
        return reason == null ? "" : reason;
    }
}
