package org.coldwatch.server.web;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.server.ingest.IngestListener;

/**
 * Pushes stored readings and gateway presence to browsers as Server-Sent Events ({@code GET /api/live}).
 *
 * <p>Ingest calls {@link #stored} on the storage thread; the hub publishes one message on the event bus, and each
 * open SSE response, subscribed on its own connection's context, writes it out. Nothing is published while no
 * browser listens.
 */
public final class LiveHub implements IngestListener {
    static final String ADDRESS = "coldwatch.live";
    private final Vertx vertx;
    private final Map<String, String> storeOfGateway = new ConcurrentHashMap<>();
    private final AtomicInteger listeners = new AtomicInteger();

    public LiveHub(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public void stored(TelemetryBatch batch) {
        if (listeners.get() == 0) {
            return;
        }
        String storeId = storeOfGateway.getOrDefault(batch.gatewayId(), "");
        StringBuilder events = new StringBuilder();
        for (Reading r : batch.readings()) {
            JsonObject data = new JsonObject()
                    .put("storeId", storeId)
                    .put("gatewayId", batch.gatewayId())
                    .put("sensorId", r.sensorId())
                    .put("kind", r.kind().wireName())
                    .put("value", r.value())
                    .put("unit", r.unit())
                    .put("timeMs", r.measuredAt().toEpochMilli());
            events.append("event: reading\ndata: ").append(data.encode()).append("\n\n");
        }
        vertx.eventBus().publish(ADDRESS, events.toString());
    }

    @Override
    public void presenceChanged(String gatewayId, String storeId, boolean online) {
        storeOfGateway.put(gatewayId, storeId);
        if (listeners.get() == 0) {
            return;
        }
        JsonObject data = new JsonObject().put("storeId", storeId).put("gatewayId", gatewayId).put("online", online);
        vertx.eventBus().publish(ADDRESS, "event: gateway\ndata: " + data.encode() + "\n\n");
    }

    /** Turns {@code response} into an event stream until the browser goes away. Call on the request's context. */
    void attach(HttpServerResponse response) {
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": connected\n\n");
        MessageConsumer<String> consumer = vertx.eventBus().consumer(ADDRESS, message -> {
            if (!response.closed() && !response.writeQueueFull()) {
                response.write(message.body());
            }
        });
        long heartbeat = vertx.setPeriodic(15_000, id -> response.write(": keep-alive\n\n"));
        listeners.incrementAndGet();
        response.closeHandler(v -> {
            listeners.decrementAndGet();
            vertx.cancelTimer(heartbeat);
            consumer.unregister();
        });
    }
}
