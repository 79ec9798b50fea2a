package org.coldwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.coldwatch.protocol.Topics;
import org.coldwatch.server.testing.PahoClient;
import org.coldwatch.server.testing.PahoClient.Answer;
import org.coldwatch.server.testing.ServerProcess;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of bad input against a real server process: each is refused with a precise reason, counted in
 * /metrics, logged once, and a well-behaved gateway keeps being served in between.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
    static final int PAYLOAD_FORMAT_INVALID = 0x99;
    static final int NOT_AUTHORIZED = 0x87;
    static final int BAD_USER_NAME_OR_PASSWORD = 0x86;

    @TempDir
    static Path dir;
    ServerProcess server;
    String goodSecret;
    String badSecret;
    PahoClient good;
    long goodSeq;

    @BeforeAll
    void startServer() throws Exception {
        server = ServerProcess.start(dir);
        goodSecret = server.register("store-a", "gw-good");
        badSecret = server.register("store-b", "gw-bad");
        good = PahoClient.connect(server.mqttUri(), "gw-good", "gw-good", goodSecret);
    }

    @AfterAll
    void stopServer() throws Exception {
        good.close();
        server.close();
    }

    static byte[] batch(String gateway, long seq, double value, Instant at) {
        return TelemetryCodec.encode(TelemetryBatch.of(gateway, seq,
                List.of(Reading.of("air", ReadingKind.TEMPERATURE, value, at))));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The well-behaved gateway publishes one batch and must be acknowledged. */
    void goodGatewayIsStillServed() throws Exception {
        goodSeq++;
        Answer answer = good.publish(Topics.telemetry("gw-good"), batch("gw-good", goodSeq, 2.0, Instant.now()));
        assertThat(answer.reasonCode()).isZero();
    }

    Answer publishAsBadGateway(String topic, byte[] payload) throws Exception {
        try (PahoClient bad = PahoClient.connect(server.mqttUri(), "gw-bad", "gw-bad", badSecret)) {
            return bad.publish(topic, payload);
        }
    }

    void assertRefusedCountedAndLoggedOnce(String reason) throws Exception {
        assertThat(server.metric("coldwatch_ingest_rejected_total{reason=\"" + reason + "\"}")).isEqualTo(1.0);
        Matcher lines = Pattern.compile("refused reason=" + reason + ":").matcher(server.log());
        int count = 0;
        while (lines.find()) {
            count++;
        }
        assertThat(count).as("log lines for %s", reason).isEqualTo(1);
        assertThat(server.log()).doesNotContain("at org.coldwatch");
        goodGatewayIsStillServed();
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() throws Exception {
        Answer answer = publishAsBadGateway(Topics.telemetry("gw-bad"), utf8("{\"gateway\":\"gw-bad\",\"seq\":1,"));

        assertThat(answer.reasonCode()).isEqualTo(PAYLOAD_FORMAT_INVALID);
        assertThat(answer.reasonString()).startsWith("malformed JSON").contains("line 1");
        assertRefusedCountedAndLoggedOnce("malformed_json");
    }

    @Test
    void anUnknownGatewayCannotConnect() throws Exception {
        assertThatThrownBy(() -> PahoClient.connect(server.mqttUri(), "gw-nobody", "gw-nobody", "whatever"))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(BAD_USER_NAME_OR_PASSWORD));
        assertRefusedCountedAndLoggedOnce("unknown_gateway");
    }

    @Test
    void aWrongSecretCannotConnect() throws Exception {
        assertThatThrownBy(() -> PahoClient.connect(server.mqttUri(), "gw-bad", "gw-bad", badSecret + "x"))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(BAD_USER_NAME_OR_PASSWORD));
        assertRefusedCountedAndLoggedOnce("bad_secret");
    }

    @Test
    void aTopicOfAnotherGatewayIsNotAuthorized() throws Exception {
        Answer answer = publishAsBadGateway(Topics.telemetry("gw-good"),
                batch("gw-good", 999_999, 2.0, Instant.now()));

        assertThat(answer.reasonCode()).isEqualTo(NOT_AUTHORIZED);
        assertThat(answer.reasonString()).contains("coldwatch/v1/gw/gw-good/telemetry").contains("gw-bad");
        assertRefusedCountedAndLoggedOnce("foreign_topic");
        assertThat(new io.vertx.core.json.JsonObject(server.get("/api/gateways/gw-good/tally")).getLong("maxSeq"))
                .isLessThan(999_999);
    }

    @Test
    void anOversizedPayloadIsRefusedWithItsSize() throws Exception {
        byte[] huge = new byte[Limits.MAX_PAYLOAD_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');

        Answer answer = publishAsBadGateway(Topics.telemetry("gw-bad"), huge);

        assertThat(answer.reasonCode()).isEqualTo(PAYLOAD_FORMAT_INVALID);
        assertThat(answer.reasonString()).isEqualTo("payload is 262154 bytes; the limit is 262144");
        assertRefusedCountedAndLoggedOnce("payload_too_large");
    }

    @Test
    void nanAndInfinityAreRefusedNamingTheField() throws Exception {
        long now = System.currentTimeMillis();
        String template = "{\"gateway\":\"gw-bad\",\"seq\":%d,\"readings\":[{\"sensor\":\"air\",\"kind\":\"temperature\","
                + "\"value\":%s,\"unit\":\"Cel\",\"timeMs\":" + now + "}]}";

        Answer nan = publishAsBadGateway(Topics.telemetry("gw-bad"), utf8(template.formatted(11, "NaN")));
        Answer infinity = publishAsBadGateway(Topics.telemetry("gw-bad"), utf8(template.formatted(12, "-Infinity")));

        assertThat(nan.reasonCode()).isEqualTo(PAYLOAD_FORMAT_INVALID);
        assertThat(nan.reasonString()).isEqualTo("readings[0].value: NaN is not a finite number");
        assertThat(infinity.reasonString()).isEqualTo("readings[0].value: -Infinity is not a finite number");
        assertThat(server.metric("coldwatch_ingest_rejected_total{reason=\"non_finite_value\"}")).isEqualTo(2.0);
        goodGatewayIsStillServed();
    }

    @Test
    void aMeasurementTimeAYearInTheFutureIsRefused() throws Exception {
        Answer answer = publishAsBadGateway(Topics.telemetry("gw-bad"),
                batch("gw-bad", 21, 2.0, Instant.now().plus(Duration.ofDays(365))));

        assertThat(answer.reasonCode()).isEqualTo(PAYLOAD_FORMAT_INVALID);
        assertThat(answer.reasonString()).startsWith("seq 21: readings[0].timeMs:").contains("days ahead");
        assertRefusedCountedAndLoggedOnce("measurement_time");
        assertThat(new io.vertx.core.json.JsonObject(server.get("/api/gateways/gw-bad/tally")).getLong("batches"))
                .isZero();
    }

    @Test
    void aRefusedBatchFromAnMqtt311ClientIsKeptWithItsPayload() throws Exception {
        String batch = "{\"gateway\":\"gw-bad\",\"seq\":31,\"readings\":[{\"sensor\":\"air\",\"kind\":\"temperature\","
                + "\"value\":35.6,\"unit\":\"degF\",\"timeMs\":" + System.currentTimeMillis() + "}]}";

        // MQTT 3.1.1 has no refusal codes: the server acknowledges, so the client does not resend forever ...
        Process pub = new ProcessBuilder("mosquitto_pub", "-V", "mqttv311", "-h", "127.0.0.1",
                "-p", String.valueOf(server.mqttPort()), "-i", "gw-bad", "-u", "gw-bad", "-P", badSecret,
                "-q", "1", "-t", Topics.telemetry("gw-bad"), "-m", batch).redirectErrorStream(true).start();
        assertThat(pub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(pub.exitValue()).isZero();

        // ... and keeps the refused payload with its reason, so nothing is lost
        io.vertx.core.json.JsonObject refusal = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10)).until(() -> new io.vertx.core.json.JsonArray(
                        server.get("/api/rejections")).stream().map(io.vertx.core.json.JsonObject.class::cast)
                        .filter(r -> r.getString("reason").equals("unit_mismatch")).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
        assertThat(refusal.getString("detail")).isEqualTo("readings[0].unit: temperature must be in 'Cel', was 'degF'");
        assertThat(refusal.getInteger("payloadBytes")).isEqualTo(utf8(batch).length);
        assertThat(server.get("/api/rejections/" + refusal.getLong("id") + "/payload")).isEqualTo(batch);
        assertRefusedCountedAndLoggedOnce("unit_mismatch");
    }

    @Test
    void everyRefusalIsListedByTheApi() throws Exception {
        publishAsBadGateway(Topics.telemetry("gw-bad"), utf8("[]"));

        assertThat(server.get("/api/rejections")).contains("\"reason\":\"schema_violation\"")
                .contains("batch: expected an object, found an array");
        goodGatewayIsStillServed();
    }
}
