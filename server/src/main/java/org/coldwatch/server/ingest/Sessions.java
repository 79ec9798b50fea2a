package org.coldwatch.server.ingest;

import io.vertx.core.net.NetSocket;
import io.vertx.mqtt.MqttEndpoint;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accepted gateway connections, one per gateway, and the connection limit over them. A gateway connecting again
 * takes its own place (its previous connection is handed back to be closed), so it never counts twice.
 */
final class Sessions {

    /** A gateway's accepted connection. */
    record Session(MqttEndpoint endpoint, NetSocket socket) {
    }

    /**
     * What {@link #admit} decided.
     *
     * @param admitted whether the connection may be accepted
     * @param previous the gateway's previous connection, to be closed
     * @param firstRefusal whether this is the first refusal since the endpoint was last below its limit
     */
    record Admission(boolean admitted, Optional<Session> previous, boolean firstRefusal) {
    }

    private final int maxConnections;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private boolean refusing;

    Sessions(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Admits {@code session} as the gateway's connection, unless that would exceed the limit. */
    synchronized Admission admit(String gatewayId, Session session) {
        if (!sessions.containsKey(gatewayId) && sessions.size() >= maxConnections) {
            boolean first = !refusing;
            refusing = true;
            return new Admission(false, Optional.empty(), first);
        }
        return new Admission(true, Optional.ofNullable(sessions.put(gatewayId, session)), false);
    }

    /** @return whether {@code session} was the gateway's current connection (and is now gone) */
    synchronized boolean remove(String gatewayId, Session session) {
        boolean removed = sessions.remove(gatewayId, session);
        if (sessions.size() < maxConnections) {
            refusing = false;
        }
        return removed;
    }

    int size() {
        return sessions.size();
    }

    int maxConnections() {
        return maxConnections;
    }
}
