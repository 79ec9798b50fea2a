package org.coldwatch.server.ingest;

import io.vertx.core.Context;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.coldwatch.server.ingest.limits.InflightBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops reading from every gateway connection while the {@link InflightBudget} is over its high-water mark, and
 * reads again once it is below its low-water mark. A paused socket does not read (Netty auto-read off), so TCP flow
 * control holds the gateways back: nothing is refused, acknowledgements only come later.
 *
 * <p>Always applies the budget's state at the time of the call, under one lock, and runs each socket's pause and
 * resume on that socket's own event loop (Vert.x requires it), in the order decided; so a pause and a resume decided
 * on two event loops cannot overtake each other and leave the endpoint paused with nothing in flight.
 */
final class ReadPause {
    private static final Logger LOG = LoggerFactory.getLogger(ReadPause.class);

    private final InflightBudget budget;
    private final Map<NetSocket, Context> connections = new ConcurrentHashMap<>();
    private final Set<NetSocket> paused = ConcurrentHashMap.newKeySet();
    private boolean stopped;

    ReadPause(InflightBudget budget) {
        this.budget = budget;
    }

    /** Pauses or resumes every connection, as the budget says now. */
    synchronized void apply() {
        boolean stop = budget.over();
        if (stop == stopped) {
            return;
        }
        stopped = stop;
        if (stop) {
            LOG.warn("mqtt: {} payload bytes in flight, above mqtt.maxInflightBytes={}; reading paused",
                    budget.bytes(), budget.highWaterBytes());
            connections.forEach(this::pause);
        } else {
            LOG.info("mqtt: {} payload bytes in flight; reading resumed", budget.bytes());
            paused.forEach(socket -> {
                Context context = connections.get(socket);
                if (context != null) {
                    context.runOnContext(v -> socket.resume());
                }
            });
            paused.clear();
        }
    }

    /** A new connection, served on {@code context}: paused at once if reading is stopped now. */
    synchronized void watch(NetSocket socket, Context context) {
        connections.put(socket, context);
        if (stopped) {
            pause(socket, context);
        }
    }

    /** Whether the endpoint itself keeps {@code socket} from reading now (so its silence is not the client's). */
    boolean paused(NetSocket socket) {
        return paused.contains(socket);
    }

    /** A connection closed. */
    void forget(NetSocket socket) {
        connections.remove(socket);
        paused.remove(socket);
    }

    private void pause(NetSocket socket, Context context) {
        paused.add(socket);
        context.runOnContext(v -> socket.pause());
    }
}
