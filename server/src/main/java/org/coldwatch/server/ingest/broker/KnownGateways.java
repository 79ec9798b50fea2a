package org.coldwatch.server.ingest.broker;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.coldwatch.server.fleet.FleetRegistry;

/**
 * Whether a gateway is registered, for messages that reach the server through a broker (which authenticated the
 * gateway against its own password file, not against our registry). Registered ids are remembered; an unknown id is
 * looked up again each time, so a gateway registered later is accepted from its next message on.
 */
final class KnownGateways {
    private final Vertx vertx;
    private final FleetRegistry fleet;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    KnownGateways(Vertx vertx, FleetRegistry fleet) {
        this.vertx = vertx;
        this.fleet = fleet;
    }

    /**
     * Looks the gateway up.
     *
     * @return whether it is registered; fails if the registry cannot be read (ours: the message is not acknowledged)
     */
    Future<Boolean> isRegistered(String gatewayId) {
        if (known.contains(gatewayId)) {
            return Future.succeededFuture(true);
        }
        return vertx.executeBlocking(() -> {
            boolean registered = fleet.gateway(gatewayId).isPresent();
            if (registered) {
                known.add(gatewayId);
            }
            return registered;
        }, false);
    }
}
