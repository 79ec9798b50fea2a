package org.coldwatch.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.coldwatch.server.testing.InfluxProcess;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server configured with {@code storage.kind=influx}: a batch published twice is in InfluxDB once. */
class InfluxStorageIT {

    @TempDir
    Path dir;

    private static String publish(ServerProcess server, String secret, String payload) throws Exception {
        Process pub = new ProcessBuilder("mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(server.mqttPort()), "-i", "gw-influx", "-u", "gw-influx", "-P", secret,
                "-q", "1", "-t", "coldwatch/v1/gw/gw-influx/telemetry", "-m", payload, "-d")
                .redirectErrorStream(true).start();
        assertThat(pub.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(pub.getInputStream().readAllBytes());
        assertThat(pub.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void aServerConfiguredForInfluxStoresABatchThereOnceAndAcknowledgesItsCopy() throws Exception {
        try (InfluxProcess influx = InfluxProcess.start(dir.resolve("influx"));
             ServerProcess server = ServerProcess.start(dir.resolve("server"), "storage.kind=influx",
                     "storage.influx.url=" + influx.url(), "storage.influx.database=county")) {
            String secret = server.register("store-lijiacun", "gw-influx");
            long now = System.currentTimeMillis();
            String batch = """
                    {"gateway":"gw-influx","seq":1,"readings":[
                      {"sensor":"room1-air","kind":"temperature","value":1.8,"unit":"Cel","timeMs":%d},
                      {"sensor":"room1-air","kind":"humidity","value":91.5,"unit":"%%RH","timeMs":%d}]}
                    """.formatted(now, now);

            assertThat(publish(server, secret, batch)).contains("received PUBACK (Mid: 1, RC:0)");
            assertThat(publish(server, secret, batch)).contains("received PUBACK (Mid: 1, RC:0)");

            JsonObject tally = new JsonObject(server.get("/api/gateways/gw-influx/tally"));
            assertThat(tally.getLong("batches")).isEqualTo(1);
            assertThat(tally.getLong("readings")).isEqualTo(2);
            JsonArray readings = new JsonArray(server.get("/api/gateways/gw-influx/readings"));
            assertThat(readings).hasSize(2);
            assertThat(readings.stream().map(JsonObject.class::cast).mapToLong(r -> r.getLong("timeMs")))
                    .containsOnly(now);
            assertThat(new JsonArray(server.get("/api/stores/store-lijiacun/latest"))).hasSize(2);
            assertThat(Files.exists(dir.resolve("server").resolve("readings.db"))).isFalse();
        }
    }
}
