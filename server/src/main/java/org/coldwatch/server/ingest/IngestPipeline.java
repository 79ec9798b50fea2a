package org.coldwatch.server.ingest;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.coldwatch.protocol.GatewayStatus;
import org.coldwatch.protocol.MeasurementTimeCheck;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.coldwatch.protocol.Topics;
import org.coldwatch.server.fleet.GatewayPresence;
import org.coldwatch.server.fleet.GatewayRecord;
import org.coldwatch.server.storage.ReadingStore;
import org.coldwatch.server.storage.ReceivedBatch;
import org.coldwatch.server.storage.StoreOutcome;

/**
 * What happens to one message from an authenticated gateway, as a flat chain of named steps:
 * {@code checkTopic → decode → checkSender → checkMeasurementTimes → store}. Transport-neutral: the built-in MQTT
 * endpoint calls it today, an external-broker consumer can call it tomorrow.
 *
 * <p>The returned future succeeds once the message may be acknowledged (for telemetry: once the batch is durable,
 * or was already). It fails with {@link RefusedException} for the client's faults, which are recorded here, in one
 * place; any other failure is ours and the message must not be acknowledged.
 */
public final class IngestPipeline {
    private final ReadingStore store;
    private final GatewayPresence presence;
    private final IngestListener listener;
    private final RejectionLog rejections;
    private final IngestMetrics metrics;
    private final MeasurementTimeCheck timeCheck;
    private final Clock clock;
    private final GatewayReports reports;

    public IngestPipeline(ReadingStore store, GatewayPresence presence, IngestListener listener,
                          RejectionLog rejections, IngestMetrics metrics, MeasurementTimeCheck timeCheck,
                          Clock clock) {
        this(store, presence, listener, rejections, metrics, timeCheck, clock, GatewayReports.NONE);
    }

    /** @param reports where health reports and alarm events go */
    public IngestPipeline(ReadingStore store, GatewayPresence presence, IngestListener listener,
                          RejectionLog rejections, IngestMetrics metrics, MeasurementTimeCheck timeCheck,
                          Clock clock, GatewayReports reports) {
        this.reports = reports;
        this.store = store;
        this.presence = presence;
        this.listener = listener;
        this.rejections = rejections;
        this.metrics = metrics;
        this.timeCheck = timeCheck;
        this.clock = clock;
    }

    /**
     * Handles one published message.
     *
     * @param gatewayId the authenticated gateway
     * @return succeeds when the message may be acknowledged; fails with {@link RefusedException} if refused
     */
    public Future<Void> onPublish(String gatewayId, String topic, byte[] payload) {
        return onPublishCountingReadings(gatewayId, topic, payload).mapEmpty();
    }

    /**
     * Like {@link #onPublish}, for callers that charge readings to a rate limit.
     *
     * @return succeeds, when the message may be acknowledged, with the number of readings it carried (0 for
     *         anything but telemetry); fails with {@link RefusedException} if refused
     */
    public Future<Integer> onPublishCountingReadings(String gatewayId, String topic, byte[] payload) {
        Instant receivedAt = clock.instant();
        presence.seen(gatewayId, receivedAt);
        Future<Integer> handled = checkTopic(gatewayId, topic).compose(channel -> switch (channel) {
            case TELEMETRY -> ingestTelemetry(gatewayId, payload, receivedAt);
            case STATUS -> updateStatus(gatewayId, payload).map(0);
            case EVENTS -> GatewayReportSteps.event(gatewayId, payload, reports).map(0);
            case HEALTH -> GatewayReportSteps.health(gatewayId, payload, receivedAt, reports).map(0);
            case CONFIG -> Future.failedFuture(new RefusedException(RejectReason.FOREIGN_TOPIC,
                    "topic '" + topic + "': only the server publishes configuration"));
        });
        return handled.onFailure(cause -> recordIfRefused(gatewayId, cause, payload));
    }

    /** Records a refusal of a message that the endpoint decided itself, keeping its payload. */
    public void refused(String gatewayId, RefusedException refusal, byte[] payload) {
        recordIfRefused(gatewayId, refusal, payload);
    }

    /** Records a refusal that happened outside a publish (a CONNECT or SUBSCRIBE). */
    public void refused(String gatewayId, RefusedException refusal) {
        recordIfRefused(gatewayId, refusal, null);
    }

    /** A gateway's connection was accepted. */
    public void connected(GatewayRecord gateway) {
        presence.seen(gateway.id(), clock.instant());
        listener.presenceChanged(gateway.id(), gateway.storeId(), true);
    }

    /** A gateway's connection ended, cleanly or not (then its last will says offline). */
    public void disconnected(GatewayRecord gateway) {
        presence.offline(gateway.id(), clock.instant());
        listener.presenceChanged(gateway.id(), gateway.storeId(), false);
    }

    private Future<Topics.Channel> checkTopic(String gatewayId, String topic) {
        return Topics.parse(topic)
                .filter(address -> address.gatewayId().equals(gatewayId))
                .map(address -> Future.succeededFuture(address.channel()))
                .orElseGet(() -> Future.failedFuture(new RefusedException(RejectReason.FOREIGN_TOPIC,
                        "topic '" + topic + "' is not one of gateway '" + gatewayId + "' (expected "
                                + Topics.PREFIX + gatewayId + "/telemetry|status|events|health)")));
    }

    private Future<Integer> ingestTelemetry(String gatewayId, byte[] payload, Instant receivedAt) {
        return decode(payload)
                .compose(batch -> checkSender(gatewayId, batch))
                .compose(batch -> checkMeasurementTimes(batch, receivedAt))
                .compose(batch -> store(batch, receivedAt).map(batch.readings().size()));
    }

    private static Future<TelemetryBatch> decode(byte[] payload) {
        try {
            return Future.succeededFuture(TelemetryCodec.decode(payload));
        } catch (ProtocolException e) {
            return Future.failedFuture(new RefusedException(RejectReason.of(e.problem()), e.detail()));
        }
    }

    private static Future<TelemetryBatch> checkSender(String gatewayId, TelemetryBatch batch) {
        if (batch.gatewayId().equals(gatewayId)) {
            return Future.succeededFuture(batch);
        }
        return Future.failedFuture(new RefusedException(RejectReason.GATEWAY_MISMATCH,
                "gateway: the batch names '" + batch.gatewayId() + "' but was sent by '" + gatewayId + "'"));
    }

    private Future<TelemetryBatch> checkMeasurementTimes(TelemetryBatch batch, Instant receivedAt) {
        return timeCheck.firstProblem(batch, receivedAt)
                .<Future<TelemetryBatch>>map(problem -> Future.failedFuture(
                        new RefusedException(RejectReason.MEASUREMENT_TIME, "seq " + batch.seq() + ": " + problem)))
                .orElseGet(() -> Future.succeededFuture(batch));
    }

    private Future<Void> store(TelemetryBatch batch, Instant receivedAt) {
        return store.store(new ReceivedBatch(batch, receivedAt)).map(outcome -> {
            if (outcome == StoreOutcome.STORED) {
                metrics.stored(batch.readings().size(), Duration.between(receivedAt, clock.instant()));
                listener.stored(batch);
            } else {
                metrics.duplicate(batch.readings().size());
            }
            return null;
        });
    }

    private Future<Void> updateStatus(String gatewayId, byte[] payload) {
        try {
            GatewayStatus status = GatewayStatus.decode(payload);
            if (status.state() == GatewayStatus.State.OFFLINE) {
                presence.offline(gatewayId, clock.instant());
            }
            return Future.succeededFuture();
        } catch (ProtocolException e) {
            return Future.failedFuture(new RefusedException(RejectReason.of(e.problem()), "status: " + e.detail()));
        }
    }

    private void recordIfRefused(String gatewayId, Throwable cause, byte[] payload) {
        if (cause instanceof RefusedException refusal) {
            rejections.record(Rejection.of(clock.instant(), gatewayId, refusal.reason(), refusal.getMessage(), payload),
                    payload);
        }
    }
}
