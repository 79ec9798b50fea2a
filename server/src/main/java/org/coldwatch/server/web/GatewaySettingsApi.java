package org.coldwatch.server.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.health.GatewayHealth;
import org.coldwatch.protocol.health.GatewayHealthCodec;
import org.coldwatch.protocol.settings.GatewaySettingsCodec;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.fleet.GatewayState;
import org.coldwatch.server.ingest.MqttIngestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of remote settings and health (docs/api.md): {@code PUT|GET /api/gateways/{id}/settings} and
 * {@code GET /api/gateways/{id}/health}. A PUT is validated with the wire codec, gets the next version number,
 * is saved, and is published retained to the gateway if it is connected (else it gets it when it next subscribes).
 */
public final class GatewaySettingsApi {
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySettingsApi.class);

    private final Vertx vertx;
    private final FleetRegistry fleet;
    private final GatewayState state;
    private final ConfigPublisher publisher;

    /** Sends a gateway's new settings (retained, QoS 1) on its config topic. */
    @FunctionalInterface
    public interface ConfigPublisher {
        /** @return whether it was sent now (else the gateway gets it when it next subscribes, if ever stored) */
        boolean publish(String gatewayId, byte[] payload);
    }

    public GatewaySettingsApi(Vertx vertx, FleetRegistry fleet, GatewayState state, MqttIngestServer mqtt) {
        this(vertx, fleet, state, mqtt::publishConfig);
    }

    /** @param publisher the built-in endpoint, the external broker, or both */
    public GatewaySettingsApi(Vertx vertx, FleetRegistry fleet, GatewayState state, ConfigPublisher publisher) {
        this.vertx = vertx;
        this.fleet = fleet;
        this.state = state;
        this.publisher = publisher;
    }

    /** Adds the routes to {@code router}. */
    public void mount(Router router) {
        router.put("/api/gateways/:gatewayId/settings")
                .handler(BodyHandler.create().setBodyLimit(GatewaySettingsCodec.MAX_BYTES))
                .handler(this::putSettings);
        router.get("/api/gateways/:gatewayId/settings").handler(this::getSettings);
        router.get("/api/gateways/:gatewayId/health").handler(this::getHealth);
    }

    private void putSettings(RoutingContext ctx) {
        String gatewayId = ctx.pathParam("gatewayId");
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            answer(ctx, 400, error("body: not a JSON object: " + e.getMessage()));
            return;
        }
        if (body == null) {
            answer(ctx, 400, error("body: a JSON object with the settings is required"));
            return;
        }
        if (body.containsKey("version")) {
            answer(ctx, 400, error("version: assigned by the server; leave it out"));
            return;
        }
        blocking(ctx, () -> {
            requireGateway(gatewayId);
            GatewayState.Stored saved = state.saveNextSettings(gatewayId, version -> validated(body, version));
            boolean sent = publisher.publish(gatewayId, saved.payload());
            LOG.info("gateway={} settings version {} saved; {}", gatewayId, saved.version(),
                    sent ? "sent now" : "sent when it next connects");
            return new JsonObject().put("gatewayId", gatewayId).put("version", saved.version()).put("sentNow", sent);
        });
    }

    private static byte[] validated(JsonObject body, long version) {
        JsonObject withVersion = new JsonObject().put("version", version);
        body.forEach(e -> withVersion.put(e.getKey(), e.getValue()));
        try {
            return GatewaySettingsCodec.encode(GatewaySettingsCodec.decode(
                    withVersion.encode().getBytes(StandardCharsets.UTF_8)));
        } catch (ProtocolException e) {
            throw new BadRequest(e.detail());
        }
    }

    private void getSettings(RoutingContext ctx) {
        String gatewayId = ctx.pathParam("gatewayId");
        blocking(ctx, () -> {
            requireGateway(gatewayId);
            Optional<GatewayState.Stored> desired = state.settings(gatewayId);
            Optional<GatewayHealth> health = latestHealth(gatewayId);
            JsonObject out = new JsonObject().put("gatewayId", gatewayId)
                    .put("desiredVersion", desired.map(GatewayState.Stored::version).orElse(null))
                    .put("desired", desired.map(d -> new JsonObject(new String(d.payload(), StandardCharsets.UTF_8)))
                            .orElse(null))
                    .put("appliedVersion", health.flatMap(GatewayHealth::settingsVersion).orElse(null))
                    .put("refusal", health.flatMap(GatewayHealth::settingsRefusal)
                            .map(r -> new JsonObject().put("version", r.version()).put("reason", r.reason()))
                            .orElse(null));
            desired.ifPresent(d -> out.put("updatedMs", d.at().toEpochMilli()));
            return out;
        });
    }

    private void getHealth(RoutingContext ctx) {
        String gatewayId = ctx.pathParam("gatewayId");
        blocking(ctx, () -> {
            requireGateway(gatewayId);
            GatewayState.Stored health = state.health(gatewayId)
                    .orElseThrow(() -> new NotFound("gateway '" + gatewayId + "' has sent no health report yet"));
            return new JsonObject().put("gatewayId", gatewayId).put("receivedMs", health.at().toEpochMilli())
                    .put("report", new JsonObject(new String(health.payload(), StandardCharsets.UTF_8)));
        });
    }

    private Optional<GatewayHealth> latestHealth(String gatewayId) {
        return state.health(gatewayId).flatMap(h -> {
            try {
                return Optional.of(GatewayHealthCodec.decode(h.payload()));
            } catch (ProtocolException e) {
                LOG.error("gateway={} stored health does not decode: {}", gatewayId, e.detail());
                return Optional.empty();
            }
        });
    }

    private void requireGateway(String gatewayId) {
        if (fleet.gateway(gatewayId).isEmpty()) {
            throw new NotFound("no gateway '" + gatewayId + "'");
        }
    }

    private void blocking(RoutingContext ctx, Callable<JsonObject> work) {
        vertx.executeBlocking(work).onComplete(result -> {
            if (result.succeeded()) {
                answer(ctx, 200, result.result());
            } else if (result.cause() instanceof NotFound e) {
                answer(ctx, 404, error(e.getMessage()));
            } else if (result.cause() instanceof BadRequest e) {
                answer(ctx, 400, error(e.getMessage()));
            } else {
                LOG.error("http {} failed: {}", ctx.request().path(), result.cause().toString());
                answer(ctx, 500, error("internal error; see the server log"));
            }
        });
    }

    private static JsonObject error(String message) {
        return new JsonObject(Map.of("error", message));
    }

    private static void answer(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
