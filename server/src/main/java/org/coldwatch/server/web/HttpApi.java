package org.coldwatch.server.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.fleet.GatewayPresence;
import org.coldwatch.server.fleet.GatewayRecord;
import org.coldwatch.server.fleet.Store;
import org.coldwatch.server.ingest.MqttIngestServer;
import org.coldwatch.server.ingest.RejectionLog;
import org.coldwatch.server.storage.GatewayTally;
import org.coldwatch.server.storage.ReadingStore;
import org.coldwatch.server.storage.StorageHealth;
import org.coldwatch.server.storage.StoredReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: health, metrics, the JSON API (docs/api.md), the live event stream and the web page. Each route
 * points at a named handler; blocking storage queries run through {@code executeBlocking}.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final int MAX_LIMIT = 1_000;

    /**
     * What the API reads from.
     */
    public record Sources(FleetRegistry fleet, ReadingStore readings, GatewayPresence presence,
                          RejectionLog rejections, MqttIngestServer mqtt, PrometheusMeterRegistry metrics,
                          LiveHub live, Messages messages, GatewaySettingsApi settingsApi) {
    }

    private final Vertx vertx;
    private final Sources sources;
    private final List<Routes> features;
    private final Map<String, Supplier<JsonObject>> healthParts = new LinkedHashMap<>();
    private volatile boolean endpointEnabled = true;
    private HttpServer server;

    /** @param features further routes (provisioning, …), mounted before the static web page */
    public HttpApi(Vertx vertx, Sources sources, Routes... features) {
        this.vertx = vertx;
        this.sources = sources;
        this.features = List.of(features);
    }

    /**
     * Adds a part to {@code /health}, e.g. the external broker connection: its object's {@code status} is
     * {@code UP} or {@code DOWN}, and the server is UP only if every part is.
     */
    public void addHealthPart(String name, Supplier<JsonObject> part) {
        healthParts.put(name, part);
    }

    /** The built-in MQTT endpoint does not listen ({@code ingest.source=broker}): {@code /health} does not need it. */
    public void endpointDisabled() {
        endpointEnabled = false;
    }

    /**
     * Starts the HTTP server.
     *
     * @return the bound port once listening; fails if the address cannot be bound
     */
    public Future<Integer> start(String host, int port) {
        server = vertx.createHttpServer().requestHandler(router());
        return server.listen(port, host).map(HttpServer::actualPort);
    }

    /** Stops the HTTP server. */
    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    Router router() {
        Router router = Router.router(vertx);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(this::metrics);
        router.get("/api/stores").handler(this::stores);
        router.get("/api/stores/:storeId/latest").handler(this::latestOfStore);
        router.get("/api/gateways/:gatewayId/readings").handler(this::recentOfGateway);
        router.get("/api/gateways/:gatewayId/tally").handler(this::tallyOfGateway);
        router.get("/api/rejections").handler(this::rejections);
        router.get("/api/rejections/:id/payload").handler(this::rejectedPayload);
        router.get("/api/i18n").handler(this::messages);
        sources.settingsApi().mount(router);
        router.get("/api/live").handler(ctx -> sources.live().attach(ctx.response()));
        features.forEach(feature -> feature.mount(router));
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        return router;
    }

    private void health(RoutingContext ctx) {
        StorageHealth storage = sources.readings().health();
        boolean mqttUp = sources.mqtt().listening();
        boolean up = storage.up() && (mqttUp || !endpointEnabled);
        JsonObject body = new JsonObject()
                .put("storage", new JsonObject().put("status", storage.up() ? "UP" : "DOWN")
                        .put("detail", storage.detail()))
                .put("mqtt", new JsonObject().put("status", endpointEnabled ? (mqttUp ? "UP" : "DOWN") : "OFF")
                        .put("connections", sources.mqtt().connectionCount()))
                .put("gatewaysOnline", sources.presence().onlineCount());
        for (Map.Entry<String, Supplier<JsonObject>> part : healthParts.entrySet()) {
            JsonObject detail = part.getValue().get();
            up &= "UP".equals(detail.getString("status"));
            body.put(part.getKey(), detail);
        }
        body.put("status", up ? "UP" : "DOWN");
        ctx.response().setStatusCode(up ? 200 : 503);
        json(ctx, body.encode());
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(sources.metrics().scrape());
    }

    private void stores(RoutingContext ctx) {
        blocking(ctx, () -> {
            List<GatewayRecord> gateways = sources.fleet().gateways();
            JsonArray stores = new JsonArray();
            for (Store store : sources.fleet().stores()) {
                JsonArray ofStore = new JsonArray();
                gateways.stream().filter(g -> g.storeId().equals(store.id())).forEach(g -> {
                    JsonObject gateway = new JsonObject().put("id", g.id()).put("online", false);
                    sources.presence().state(g.id()).ifPresent(state -> gateway.put("online", state.online())
                            .put("lastSeenMs", state.lastSeen().toEpochMilli()));
                    ofStore.add(gateway);
                });
                stores.add(new JsonObject().put("id", store.id()).put("name", store.name())
                        .put("region", store.region()).put("gateways", ofStore));
            }
            return stores.encode();
        });
    }

    private void latestOfStore(RoutingContext ctx) {
        String storeId = ctx.pathParam("storeId");
        blocking(ctx, () -> {
            if (sources.fleet().stores().stream().noneMatch(s -> s.id().equals(storeId))) {
                throw new NotFound("no store '" + storeId + "'");
            }
            List<String> gatewayIds = sources.fleet().gateways().stream()
                    .filter(g -> g.storeId().equals(storeId)).map(GatewayRecord::id).toList();
            return readingsJson(sources.readings().latest(gatewayIds), false);
        });
    }

    private void recentOfGateway(RoutingContext ctx) {
        String gatewayId = ctx.pathParam("gatewayId");
        Optional<String> sensor = Optional.ofNullable(ctx.request().getParam("sensor"));
        int limit;
        try {
            limit = Integer.parseInt(ctx.request().getParam("limit", "100"));
        } catch (NumberFormatException e) {
            badRequest(ctx, "limit must be a whole number from 1 to " + MAX_LIMIT);
            return;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            badRequest(ctx, "limit must be a whole number from 1 to " + MAX_LIMIT);
            return;
        }
        blocking(ctx, () -> {
            requireGateway(gatewayId);
            return readingsJson(sources.readings().recent(gatewayId, sensor, limit), true);
        });
    }

    private void tallyOfGateway(RoutingContext ctx) {
        String gatewayId = ctx.pathParam("gatewayId");
        blocking(ctx, () -> {
            requireGateway(gatewayId);
            GatewayTally tally = sources.readings().tally(gatewayId);
            return new JsonObject().put("gatewayId", gatewayId).put("batches", tally.batches())
                    .put("readings", tally.readings()).put("minSeq", tally.minSeq()).put("maxSeq", tally.maxSeq())
                    .put("gaps", tally.gaps()).encode();
        });
    }

    private void rejections(RoutingContext ctx) {
        int limit = Math.max(1, Math.min(MAX_LIMIT, parseIntOr(ctx.request().getParam("limit"), 100)));
        blocking(ctx, () -> {
            JsonArray list = new JsonArray();
            sources.rejections().recent(limit).forEach(r -> list.add(new JsonObject().put("id", r.id())
                    .put("timeMs", r.at().toEpochMilli()).put("gatewayId", r.gatewayId())
                    .put("reason", r.reason().label()).put("detail", r.detail())
                    .put("payloadBytes", r.payloadBytes())));
            return list.encode();
        });
    }

    private void rejectedPayload(RoutingContext ctx) {
        long id = parseIntOr(ctx.pathParam("id"), -1);
        vertx.executeBlocking(() -> sources.rejections().archive().payload(id)).onComplete(result -> {
            if (result.succeeded() && result.result().isPresent()) {
                ctx.response().putHeader("Content-Type", "application/octet-stream")
                        .end(io.vertx.core.buffer.Buffer.buffer(result.result().get()));
            } else if (result.succeeded()) {
                ctx.response().setStatusCode(404);
                json(ctx, new JsonObject().put("error", "no refused payload with id " + id).encode());
            } else {
                LOG.error("http {} failed: {}", ctx.request().path(), result.cause().toString());
                ctx.response().setStatusCode(500);
                json(ctx, new JsonObject().put("error", "internal error; see the server log").encode());
            }
        });
    }

    private static int parseIntOr(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void messages(RoutingContext ctx) {
        json(ctx, sources.messages().bundle(ctx.request().getParam("lang")).encode());
    }

    private void requireGateway(String gatewayId) {
        if (sources.fleet().gateway(gatewayId).isEmpty()) {
            throw new NotFound("no gateway '" + gatewayId + "'");
        }
    }

    private static String readingsJson(List<StoredReading> readings, boolean withSeq) {
        JsonArray list = new JsonArray();
        for (StoredReading r : readings) {
            JsonObject item = new JsonObject().put("gatewayId", r.gatewayId()).put("sensorId", r.sensorId())
                    .put("kind", r.kind().wireName()).put("value", r.value()).put("unit", r.kind().unit())
                    .put("timeMs", r.measuredAt().toEpochMilli());
            if (withSeq) {
                item.put("seq", r.seq());
            }
            list.add(item);
        }
        return list.encode();
    }

    private void blocking(RoutingContext ctx, Callable<String> query) {
        vertx.executeBlocking(query).onComplete(result -> {
            if (result.succeeded()) {
                json(ctx, result.result());
            } else if (result.cause() instanceof NotFound notFound) {
                ctx.response().setStatusCode(404);
                json(ctx, new JsonObject().put("error", notFound.getMessage()).encode());
            } else {
                LOG.error("http {} failed: {}", ctx.request().path(), result.cause().toString());
                ctx.response().setStatusCode(500);
                json(ctx, new JsonObject().put("error", "internal error; see the server log").encode());
            }
        });
    }

    private static void badRequest(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(400);
        json(ctx, new JsonObject().put("error", message).encode());
    }

    private static void json(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message, null, false, false);
        }
    }
}
