package org.coldwatch.server.ingest;

import io.vertx.core.Future;
import java.time.Instant;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.events.AlarmEventMessage;
import org.coldwatch.protocol.health.GatewayHealth;
import org.coldwatch.protocol.health.GatewayHealthCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's steps for a gateway's health reports ({@code decode → checkSender → keep}) and alarm events
 * ({@code decode → log → hand on}). Malformed payloads fail with {@link RefusedException}, which the pipeline records
 * and counts like every refusal.
 */
final class GatewayReportSteps {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayReportSteps.class);

    private GatewayReportSteps() {
    }

    static Future<Void> health(String gatewayId, byte[] payload, Instant receivedAt, GatewayReports reports) {
        GatewayHealth health;
        try {
            health = GatewayHealthCodec.decode(payload);
        } catch (ProtocolException e) {
            return Future.failedFuture(new RefusedException(RejectReason.of(e.problem()), "health: " + e.detail()));
        }
        if (!health.gatewayId().equals(gatewayId)) {
            return Future.failedFuture(new RefusedException(RejectReason.GATEWAY_MISMATCH,
                    "health: gateway: the report names '" + health.gatewayId() + "' but was sent by '" + gatewayId
                            + "'"));
        }
        return reports.health(gatewayId, health, payload, receivedAt);
    }

    static Future<Void> event(String gatewayId, byte[] payload, GatewayReports reports) {
        AlarmEventMessage event;
        try {
            event = AlarmEventMessage.decode(payload);
        } catch (ProtocolException e) {
            return Future.failedFuture(new RefusedException(RejectReason.of(e.problem()), "events: " + e.detail()));
        }
        LOG.info("gateway={} alarm {} rule={} sensor={} condition={} value={} at={}", gatewayId, event.event(),
                event.ruleId(), event.sensorId(), event.condition(), event.value().map(String::valueOf).orElse("-"),
                event.at());
        reports.alarmEvent(gatewayId, event);
        return Future.succeededFuture();
    }
}
