package org.coldwatch.server.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.fleet.ProvisionedGateway;
import org.coldwatch.server.fleet.ProvisioningRefused;
import org.coldwatch.server.fleet.ProvisioningThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/provision}: a gateway exchanges a one-time code for its credentials (docs/api.md,
 * "Provisioning"). The answer carries the gateway's id, its new secret and the MQTT address to use; every outcome is
 * counted in {@code coldwatch_provisioning_attempts_total{outcome}}, and failed attempts are throttled per remote
 * address ({@link ProvisioningThrottle}).
 */
public final class ProvisioningApi implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningApi.class);
    /** A request is {@code {"code": "..."}} plus a little metadata; anything bigger is not a provisioning request. */
    static final int MAX_BODY_BYTES = 4_096;

    private final Vertx vertx;
    private final FleetRegistry fleet;
    private final ProvisioningThrottle throttle;
    private final int mqttPort;
    private final Counter succeeded;
    private final Counter malformed;
    private final Counter throttled;
    private final Map<ProvisioningRefused.Reason, Counter> refused = new EnumMap<>(ProvisioningRefused.Reason.class);

    /**
     * @param mqttPort the built-in MQTT endpoint's port, for the address handed out when the code fixed none
     */
    public ProvisioningApi(Vertx vertx, FleetRegistry fleet, ProvisioningThrottle throttle, int mqttPort,
                           MeterRegistry metrics) {
        this.vertx = vertx;
        this.fleet = fleet;
        this.throttle = throttle;
        this.mqttPort = mqttPort;
        succeeded = outcome(metrics, "provisioned");
        malformed = outcome(metrics, "malformed");
        throttled = outcome(metrics, "throttled");
        for (ProvisioningRefused.Reason reason : ProvisioningRefused.Reason.values()) {
            refused.put(reason, outcome(metrics, reason.label()));
        }
    }

    private static Counter outcome(MeterRegistry metrics, String outcome) {
        return Counter.builder("coldwatch.provisioning.attempts").tag("outcome", outcome)
                .description("Provisioning code exchanges, by outcome").register(metrics);
    }

    @Override
    public void mount(Router router) {
        router.post("/api/provision").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::provision);
    }

    private void provision(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        Optional<Duration> blocked = throttle.blockedFor(address);
        if (blocked.isPresent()) {
            throttled.increment();
            long seconds = Math.max(1, blocked.get().toSeconds());
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            answer(ctx, 429, new JsonObject().put("error", "too many failed provisioning attempts from " + address
                    + "; try again in " + seconds + " s").put("reason", "throttled"));
            return;
        }
        Object code;
        try {
            JsonObject body = ctx.body().asJsonObject();
            code = body == null ? null : body.getValue("code");
        } catch (DecodeException | ClassCastException e) {
            code = null;
        }
        if (!(code instanceof String typed) || typed.isBlank()) {
            malformed.increment();
            answer(ctx, 400, new JsonObject().put("error", "expected a JSON body {\"code\": \"XXXX-XXXX-XXXX\"}")
                    .put("reason", "malformed"));
            return;
        }
        vertx.executeBlocking(() -> fleet.redeemProvisioningCode(typed, address)).onComplete(result -> {
            if (result.succeeded()) {
                ProvisionedGateway gateway = result.result();
                succeeded.increment();
                LOG.info("provisioning: gateway={} store={} provisioned from {}", gateway.gatewayId(),
                        gateway.storeId(), address);
                answer(ctx, 200, new JsonObject().put("gatewayId", gateway.gatewayId())
                        .put("storeId", gateway.storeId()).put("secret", gateway.secret())
                        .put("mqttUri", gateway.mqttUri().orElseGet(() -> derivedMqttUri(ctx))));
            } else if (result.cause() instanceof ProvisioningRefused refusal) {
                throttle.failed(address);
                refused.get(refusal.reason()).increment();
                LOG.warn("provisioning: refused from {}: {}", address, refusal.reason().label());
                answer(ctx, 403, new JsonObject().put("error", refusal.getMessage())
                        .put("reason", refusal.reason().label()));
            } else {
                LOG.error("provisioning: failed: {}", result.cause().toString());
                answer(ctx, 500, new JsonObject().put("error", "internal error; see the server log"));
            }
        });
    }

    /** {@code tcp://<the host the gateway reached us by>:<mqtt port>}: right for one-machine installs. */
    private String derivedMqttUri(RoutingContext ctx) {
        String host = ctx.request().authority() == null ? "127.0.0.1" : ctx.request().authority().host();
        return "tcp://" + host + ":" + mqttPort;
    }

    private static void answer(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
