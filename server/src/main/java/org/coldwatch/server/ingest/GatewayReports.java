package org.coldwatch.server.ingest;

import io.vertx.core.Future;
import java.time.Instant;
import org.coldwatch.protocol.events.AlarmEventMessage;
import org.coldwatch.protocol.health.GatewayHealth;

/** Where validated health reports and alarm events of gateways go. */
public interface GatewayReports {

    /**
     * Keeps {@code health} as the gateway's latest report.
     *
     * @return succeeds once saved; fails on a storage error (ours)
     */
    Future<Void> health(String gatewayId, GatewayHealth health, byte[] payload, Instant receivedAt);

    /** A local alarm changed on the gateway. Must not block. */
    void alarmEvent(String gatewayId, AlarmEventMessage event);

    /** Accepts and forgets. */
    GatewayReports NONE = new GatewayReports() {
        @Override
        public Future<Void> health(String gatewayId, GatewayHealth health, byte[] payload, Instant receivedAt) {
            return Future.succeededFuture();
        }

        @Override
        public void alarmEvent(String gatewayId, AlarmEventMessage event) {
        }
    };
}
