package org.coldwatch.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.coldwatch.protocol.Topics;
import org.coldwatch.server.testing.InfluxProcess;
import org.coldwatch.server.testing.PahoClient;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollups through the whole path, against a real server process: batches published over MQTT (one of them twice)
 * are rolled up at ingest and read back by {@code GET /api/gateways/{id}/rollups} in Shanghai's local days.
 */
class RollupsApiIT {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String GW = "gw-rollups";

    @TempDir
    Path dir;

    @Test
    void readingsAroundLocalMidnightAreRolledUpIntoTheirLocalDaysOnceEach() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir)) {
            checkRollupsAroundMidnight(server);
        }
    }

    /** The same answers with {@code storage.kind=influx}, where the rollups live in InfluxDB. */
    @Test
    void theSameAnswersComeFromTheRollupsKeptInInfluxDb() throws Exception {
        try (InfluxProcess influx = InfluxProcess.start(dir.resolve("influx"));
             ServerProcess server = ServerProcess.start(dir.resolve("server"), "storage.kind=influx",
                     "storage.influx.url=" + influx.url(), "storage.influx.database=rollups")) {
            checkRollupsAroundMidnight(server);
        }
    }

    private static void checkRollupsAroundMidnight(ServerProcess server) throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate yesterday = today.minusDays(1);
        Instant midnight = today.atStartOfDay(SHANGHAI).toInstant();
        String secret = server.register("store-r", GW);
        try (PahoClient gateway = PahoClient.connect(server.mqttUri(), GW, GW, secret)) {
            byte[] first = TelemetryCodec.encode(TelemetryBatch.of(GW, 1, List.of(
                    Reading.of("air", ReadingKind.TEMPERATURE, 3.0, midnight.minusSeconds(30)),
                    Reading.of("air", ReadingKind.TEMPERATURE, 5.0, midnight.minusMillis(1)))));
            byte[] second = TelemetryCodec.encode(TelemetryBatch.of(GW, 2, List.of(
                    Reading.of("air", ReadingKind.TEMPERATURE, 2.0, midnight))));
            assertThat(gateway.publish(Topics.telemetry(GW), first).reasonCode()).isZero();
            assertThat(gateway.publish(Topics.telemetry(GW), second).reasonCode()).isZero();
            assertThat(gateway.publish(Topics.telemetry(GW), first).reasonCode()).isZero(); // duplicate
        }

        JsonObject answer = new JsonObject(server.get("/api/gateways/" + GW
                + "/rollups?sensor=air&kind=temperature&resolution=day&from=" + yesterday + "&to=" + today));
        assertThat(answer.getString("zone")).isEqualTo("Asia/Shanghai");
        JsonArray days = answer.getJsonArray("buckets");
        assertThat(days).hasSize(2);
        JsonObject before = days.getJsonObject(0);
        assertThat(before.getString("start")).isEqualTo(yesterday + "T00:00+08:00");
        assertThat(before.getLong("count")).isEqualTo(2);
        assertThat(before.getDouble("mean")).isEqualTo(4.0);
        assertThat(before.getDouble("min")).isEqualTo(3.0);
        assertThat(before.getDouble("max")).isEqualTo(5.0);
        assertThat(before.getLong("coveredMs")).isEqualTo(30_000);
        assertThat(before.getLong("inRangeMs")).isEqualTo(29_999);
        JsonObject after = days.getJsonObject(1);
        assertThat(after.getString("start")).isEqualTo(today + "T00:00+08:00");
        assertThat(after.getLong("count")).isEqualTo(1);
        assertThat(after.getLong("coveredMs")).isEqualTo(60_000);
        assertThat(after.getDouble("inRangeShare")).isEqualTo(1.0);

        JsonArray minutes = new JsonObject(server.get("/api/gateways/" + GW + "/rollups?resolution=minute&from="
                + midnight.minusSeconds(60).toEpochMilli() + "&to=" + midnight.plusSeconds(60).toEpochMilli()))
                .getJsonArray("buckets");
        assertThat(minutes).extracting(m -> ((JsonObject) m).getLong("count")).containsExactly(2L, 1L);

        assertThat(status(server, "/api/gateways/" + GW + "/rollups?resolution=week")).isEqualTo(400);
        assertThat(status(server, "/api/gateways/" + GW + "/rollups?from=soon")).isEqualTo(400);
        assertThat(status(server, "/api/gateways/gw-nobody/rollups")).isEqualTo(404);
    }

    static int status(ServerProcess server, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.httpUri() + path)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
