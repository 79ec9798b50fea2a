package org.coldwatch.server.fleet;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which gateways are connected and when each was last heard from. In memory; thread-safe; no I/O. */
public final class GatewayPresence {

    /**
     * What is known of one gateway's connection.
     *
     * @param online   whether it is connected now
     * @param lastSeen when it last connected, published or disconnected
     */
    public record State(boolean online, Instant lastSeen) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** Records that the gateway was heard from at {@code at} and is online. */
    public void seen(String gatewayId, Instant at) {
        states.put(gatewayId, new State(true, at));
    }

    /** Records that the gateway went offline at {@code at}. */
    public void offline(String gatewayId, Instant at) {
        states.put(gatewayId, new State(false, at));
    }

    /** The gateway's state, if it was ever heard from since the server started. */
    public Optional<State> state(String gatewayId) {
        return Optional.ofNullable(states.get(gatewayId));
    }

    /** How many gateways are online now. */
    public long onlineCount() {
        return states.values().stream().filter(State::online).count();
    }
}
