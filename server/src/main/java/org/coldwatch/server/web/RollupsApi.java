package org.coldwatch.server.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.rollups.Rollup;
import org.coldwatch.server.rollups.RollupQueries;
import org.coldwatch.server.rollups.RollupSettings;
import org.coldwatch.server.rollups.RollupStats;
import org.coldwatch.server.rollups.RollupWindow;
import org.coldwatch.server.rollups.Resolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/gateways/{id}/rollups}: minute, hour and day buckets of a gateway's series (docs/api.md,
 * "Rollups"). Parameters are checked on the event loop; the query runs through {@code executeBlocking}.
 */
public final class RollupsApi implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(RollupsApi.class);
    /** Most buckets in one answer; {@code truncated} says when there were more. */
    static final int MAX_BUCKETS = 10_000;

    private final Vertx vertx;
    private final FleetRegistry fleet;
    private final RollupQueries rollups;
    private final RollupSettings settings;
    private final Clock clock;

    public RollupsApi(Vertx vertx, FleetRegistry fleet, RollupQueries rollups, RollupSettings settings, Clock clock) {
        this.vertx = vertx;
        this.fleet = fleet;
        this.rollups = rollups;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/gateways/:gatewayId/rollups").handler(this::rollups);
    }

    private void rollups(RoutingContext ctx) {
        String gatewayId = ctx.pathParam("gatewayId");
        Optional<String> sensor = param(ctx, "sensor");
        String resolutionText = param(ctx, "resolution").orElse("hour");
        Optional<Resolution> resolution = Resolution.fromLabel(resolutionText);
        if (resolution.isEmpty()) {
            answer(ctx, 400, error("resolution: '" + resolutionText + "' is not minute, hour or day"));
            return;
        }
        Optional<ReadingKind> kind = param(ctx, "kind").map(k -> ReadingKind.fromWireName(k).orElse(null));
        if (param(ctx, "kind").isPresent() && kind.isEmpty()) {
            answer(ctx, 400, error("kind: '" + param(ctx, "kind").get() + "' is not a reading kind"));
            return;
        }
        ZoneId zone = settings.zone();
        RollupWindow window;
        try {
            window = RollupWindow.parse(param(ctx, "from"), param(ctx, "to"), resolution.get(), zone,
                    clock.instant());
        } catch (IllegalArgumentException e) {
            answer(ctx, 400, error(e.getMessage()));
            return;
        }
        vertx.executeBlocking(() -> fleet.gateway(gatewayId).map(g -> rollups.rollups(gatewayId, sensor, kind,
                resolution.get(), window.from(), window.to(), MAX_BUCKETS + 1))).onComplete(result -> {
                    if (result.failed()) {
                        LOG.error("rollups: gateway={} query failed: {}", gatewayId, result.cause().toString());
                        answer(ctx, 500, error("internal error; see the server log"));
                    } else if (result.result().isEmpty()) {
                        answer(ctx, 404, error("no gateway '" + gatewayId + "'"));
                    } else {
                        answer(ctx, 200, body(gatewayId, resolution.get(), zone, window, result.result().get()));
                    }
                });
    }

    private JsonObject body(String gatewayId, Resolution resolution, ZoneId zone, RollupWindow window,
                            List<Rollup> found) {
        JsonArray buckets = new JsonArray();
        for (Rollup r : found.subList(0, Math.min(found.size(), MAX_BUCKETS))) {
            RollupStats s = r.stats();
            boolean hasTarget = settings.target(r.series().kind()).isPresent();
            buckets.add(new JsonObject().put("sensorId", r.series().sensorId())
                    .put("kind", r.series().kind().wireName()).put("unit", r.series().kind().unit())
                    .put("start", r.start().toString()).put("startMs", r.start().toInstant().toEpochMilli())
                    .put("count", s.count()).put("mean", s.mean()).put("min", s.min()).put("max", s.max())
                    .put("coveredMs", s.coveredMillis())
                    .put("inRangeMs", hasTarget ? s.inRangeMillis() : null)
                    .put("inRangeShare", hasTarget && s.coveredMillis() > 0
                            ? (double) s.inRangeMillis() / s.coveredMillis() : null));
        }
        return new JsonObject().put("gatewayId", gatewayId).put("resolution", resolution.label())
                .put("zone", zone.getId()).put("fromMs", window.from().toEpochMilli())
                .put("toMs", window.to().toEpochMilli()).put("truncated", found.size() > MAX_BUCKETS)
                .put("buckets", buckets);
    }

    private static Optional<String> param(RoutingContext ctx, String name) {
        return Optional.ofNullable(ctx.request().getParam(name)).filter(v -> !v.isBlank());
    }

    private static JsonObject error(String message) {
        return new JsonObject().put("error", message);
    }

    private static void answer(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
