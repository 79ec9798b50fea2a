package org.coldwatch.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.coldwatch.protocol.Topics;
import org.coldwatch.server.testing.PahoClient;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server side of provisioning against a real server process: a code issued by the real {@code issue-code}
 * command is exchanged once over HTTP for a secret that the MQTT endpoint accepts; reuse, guesses and garbage are
 * refused, counted, and guessing is throttled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String PROVISIONED = "coldwatch_provisioning_attempts_total{outcome=\"provisioned\"}";

    @TempDir
    static Path dir;
    ServerProcess server;

    @BeforeAll
    void startServer() throws Exception {
        server = ServerProcess.start(dir);
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    HttpResponse<String> provision(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.httpUri() + "/api/provision"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCodeBuysOneSecretThatTheMqttEndpointAccepts() throws Exception {
        String code = server.issueCode("store-wangzhuang", "gw-wangzhuang-01");
        double provisionedBefore = server.metric(PROVISIONED);

        HttpResponse<String> answer = provision(new JsonObject().put("code", code).encode());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
        JsonObject credentials = new JsonObject(answer.body());
        assertThat(credentials.getString("gatewayId")).isEqualTo("gw-wangzhuang-01");
        assertThat(credentials.getString("mqttUri")).isEqualTo(server.mqttUri());
        try (PahoClient gateway = PahoClient.connect(credentials.getString("mqttUri"), "gw-wangzhuang-01",
                "gw-wangzhuang-01", credentials.getString("secret"))) {
            byte[] batch = TelemetryCodec.encode(TelemetryBatch.of("gw-wangzhuang-01", 1,
                    List.of(Reading.of("air", ReadingKind.TEMPERATURE, 1.5, Instant.now()))));
            assertThat(gateway.publish(Topics.telemetry("gw-wangzhuang-01"), batch).reasonCode()).isZero();
        }

        HttpResponse<String> again = provision(new JsonObject().put("code", code).encode());
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(again.body()).getString("reason")).isEqualTo("used");
        assertThat(server.metric(PROVISIONED)).isEqualTo(provisionedBefore + 1);
        assertThat(server.metric("coldwatch_provisioning_attempts_total{outcome=\"used\"}")).isEqualTo(1.0);
    }

    @Test
    void theIssuerCanFixTheMqttAddressHandedOut() throws Exception {
        String code = server.issueCode("store-wangzhuang", "gw-wangzhuang-02", "--mqtt-uri",
                "ssl://county.example:8883", "--valid-for", "PT2H");

        HttpResponse<String> answer = provision(new JsonObject().put("code", code).encode());

        assertThat(new JsonObject(answer.body()).getString("mqttUri")).isEqualTo("ssl://county.example:8883");
    }

    @Test
    void malformedRequestsAreRefusedWithA400() throws Exception {
        for (String body : new String[] {"", "{", "[]", "{\"code\": 12}", "{\"other\": \"x\"}", "x".repeat(5_000)}) {
            HttpResponse<String> answer = provision(body);
            assertThat(answer.statusCode()).as(body).isIn(400, 413);
        }
        assertThat(server.metric("coldwatch_provisioning_attempts_total{outcome=\"malformed\"}"))
                .isGreaterThanOrEqualTo(5.0);
    }
}
