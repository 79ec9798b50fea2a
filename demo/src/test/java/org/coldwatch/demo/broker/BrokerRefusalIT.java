package org.coldwatch.demo.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coldwatch.demo.broker.BrokerTesting.brokerMetric;
import static org.coldwatch.demo.broker.BrokerTesting.tally;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.testing.MosquittoBroker;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through an external broker: a batch of a gateway the server does not know and a malformed batch of one
 * it knows are refused, counted, archived with their payloads and acknowledged to the broker — so they are not
 * delivered again, not even to the server's next run on the same persistent session.
 */
class BrokerRefusalIT {

    @TempDir
    Path dir;

    private static void publish(MosquittoBroker broker, String gatewayId, String payload) throws Exception {
        Process pub = new ProcessBuilder("mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(broker.port()), "-i", gatewayId, "-q", "1",
                "-t", "coldwatch/v1/gw/" + gatewayId + "/telemetry", "-m", payload)
                .redirectErrorStream(true).start();
        assertThat(pub.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pub.exitValue()).as(new String(pub.getInputStream().readAllBytes())).isZero();
    }

    /** What a gateway subscribing to its config topic gets at once: the retained settings. */
    private static String retainedConfig(MosquittoBroker broker, String gatewayId) throws Exception {
        Process sub = new ProcessBuilder("mosquitto_sub", "-V", "mqttv5", "-h", "127.0.0.1",
                "-p", String.valueOf(broker.port()), "-i", gatewayId, "-q", "1", "-C", "1", "-W", "20",
                "-t", "coldwatch/v1/gw/" + gatewayId + "/config").start();
        assertThat(sub.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    private static String batch(String gatewayId, long seq) {
        long now = System.currentTimeMillis();
        return """
                {"gateway":"%s","seq":%d,"readings":[
                  {"sensor":"room1-air","kind":"temperature","value":1.8,"unit":"Cel","timeMs":%d}]}
                """.formatted(gatewayId, seq, now);
    }

    @Test
    void refusedMessagesAreArchivedCountedAndAcknowledgedSoNeverDeliveredAgain() throws Exception {
        Path serverDir = dir.resolve("server");
        try (MosquittoBroker broker = BrokerTesting.startBroker()) {
            ServerProcess server = BrokerTesting.startServer(serverDir, broker, "coldwatch-a");
            try {
                server.register("store-lijiacun", "gw-known");

                // WHEN a stranger publishes a well-formed batch and a known gateway a malformed one, then a good one
                publish(broker, "gw-stranger", batch("gw-stranger", 1));
                publish(broker, "gw-known", "{\"gateway\":\"gw-known\",\"seq\":1,\"readings\":[");
                publish(broker, "gw-known", batch("gw-known", 2));

                // THEN both refusals are counted and archived with their payloads, the good batch is stored
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> tally(server, "gw-known").getLong("batches") == 1);
                assertThat(server.metric("coldwatch_ingest_rejected_total{reason=\"unknown_gateway\"}"))
                        .isEqualTo(1.0);
                assertThat(server.metric("coldwatch_ingest_rejected_total{reason=\"malformed_json\"}"))
                        .isEqualTo(1.0);
                JsonArray rejections = new JsonArray(server.get("/api/rejections"));
                assertThat(rejections).hasSize(2);
                assertThat(rejections.stream().map(JsonObject.class::cast).map(r -> r.getString("gatewayId")))
                        .containsExactlyInAnyOrder("gw-stranger", "gw-known");
                assertThat(rejections.stream().map(JsonObject.class::cast).mapToInt(r -> r.getInteger("payloadBytes")))
                        .allMatch(bytes -> bytes > 0);
                // ... and all three were acknowledged to the broker
                await().atMost(Duration.ofSeconds(10)).until(() -> brokerMetric(server, "acknowledged") == 3.0);

                // WHEN settings are PUT on the server, THEN the broker holds them retained for the gateway
                HttpResponse<String> put = server.put("/api/gateways/gw-known/settings",
                        "{\"samplingIntervalMillis\": 2000}");
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
                assertThat(new JsonObject(put.body()).getBoolean("sentNow")).isTrue();
                assertThat(new JsonObject(retainedConfig(broker, "gw-known")).getLong("samplingIntervalMillis"))
                        .isEqualTo(2000L);
            } finally {
                server.close();
            }

            // WHEN the server runs again on the same session and one more batch arrives
            ServerProcess again = BrokerTesting.startServer(serverDir, broker, "coldwatch-a");
            try {
                publish(broker, "gw-known", batch("gw-known", 3));

                // THEN only that batch was delivered: nothing refused earlier came back (it would come first)
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> tally(again, "gw-known").getLong("batches") == 2);
                assertThat(brokerMetric(again, "received")).isEqualTo(1.0);
                assertThat(brokerMetric(again, "redelivered")).isZero();
                assertThat(again.metric("coldwatch_ingest_rejected_total{reason=\"unknown_gateway\"}")).isZero();
                assertThat(new JsonArray(again.get("/api/rejections"))).hasSize(2);
            } finally {
                again.close();
            }
        }
    }
}
