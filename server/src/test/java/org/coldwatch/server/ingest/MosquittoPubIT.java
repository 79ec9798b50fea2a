package org.coldwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-written batch, published by Debian's real {@code mosquitto_pub}, read back through the HTTP API. */
class MosquittoPubIT {

    @TempDir
    Path dir;

    @Test
    void aBatchPublishedWithMosquittoPubIsStoredAndReadableOverHttp() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir)) {
            String secret = server.register("store-lijiacun", "gw-handmade");
            long now = System.currentTimeMillis();
            String batch = """
                    {"gateway":"gw-handmade","seq":1,"readings":[
                      {"sensor":"room1-air","kind":"temperature","value":1.8,"unit":"Cel","timeMs":%d},
                      {"sensor":"room1-air","kind":"humidity","value":91.5,"unit":"%%RH","timeMs":%d}]}
                    """.formatted(now, now);

            Process pub = new ProcessBuilder("mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1",
                    "-p", String.valueOf(server.mqttPort()), "-i", "gw-handmade", "-u", "gw-handmade", "-P", secret,
                    "-q", "1", "-t", "coldwatch/v1/gw/gw-handmade/telemetry", "-m", batch, "-d")
                    .redirectErrorStream(true).start();
            assertThat(pub.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(pub.getInputStream().readAllBytes());
            assertThat(pub.exitValue()).as(output).isZero();
            assertThat(output).contains("received PUBACK (Mid: 1, RC:0)");

            JsonArray readings = new JsonArray(server.get("/api/gateways/gw-handmade/readings"));
            assertThat(readings).hasSize(2);
            JsonObject humidity = readings.stream().map(JsonObject.class::cast)
                    .filter(r -> r.getString("kind").equals("humidity")).findFirst().orElseThrow();
            assertThat(humidity.getDouble("value")).isEqualTo(91.5);
            assertThat(humidity.getString("unit")).isEqualTo("%RH");
            assertThat(humidity.getLong("timeMs")).isEqualTo(now);
            assertThat(humidity.getLong("seq")).isEqualTo(1);

            JsonArray latest = new JsonArray(server.get("/api/stores/store-lijiacun/latest"));
            assertThat(latest).hasSize(2);
            JsonObject tally = new JsonObject(server.get("/api/gateways/gw-handmade/tally"));
            assertThat(tally.getLong("batches")).isEqualTo(1);
            assertThat(tally.getLong("readings")).isEqualTo(2);
            assertThat(server.metric("coldwatch_ingest_readings_total{outcome=\"accepted\"}")).isEqualTo(2.0);
        }
    }
}
