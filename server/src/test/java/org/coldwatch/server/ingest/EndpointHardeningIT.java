package org.coldwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.coldwatch.protocol.Topics;
import org.coldwatch.server.testing.PahoClient;
import org.coldwatch.server.testing.PahoClient.Answer;
import org.coldwatch.server.testing.ServerProcess;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in endpoint's hardening against a real server process and real clients: TLS from PEM files, the
 * connection limit, keep-alive timeouts, the payload and frame limits, and per-gateway rate limits that delay
 * acknowledgements without losing anything. Each behaviour is also counted in /metrics.
 */
class EndpointHardeningIT {
    static final int QUOTA_EXCEEDED = 0x97;
    static final int PAYLOAD_FORMAT_INVALID = 0x99;

    @TempDir
    Path dir;

    static byte[] batch(String gateway, long seq, int readings) {
        Instant now = Instant.now();
        List<Reading> list = new java.util.ArrayList<>();
        for (int i = 0; i < readings; i++) {
            list.add(Reading.of("air", ReadingKind.TEMPERATURE, 2.0 + i * 0.01, now.minusMillis(readings - i)));
        }
        return TelemetryCodec.encode(TelemetryBatch.of(gateway, seq, list));
    }

    @Test
    void aGatewayConnectsOverTlsWithAPemCertificateAndAPlainClientOnTheTlsPortIsCounted() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(new String(openssl.getInputStream().readAllBytes())).isZero();
        int tlsPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(dir.resolve("server"), "mqtt.tls.certFile=" + cert,
                "mqtt.tls.keyFile=" + key, "mqtt.tls.port=" + tlsPort)) {
            String secret = server.register("store-a", "gw-tls");

            // a gateway that trusts the certificate connects over ssl:// and is acknowledged
            try (PahoClient client = PahoClient.connect("ssl://127.0.0.1:" + tlsPort, "gw-tls", "gw-tls", secret,
                    trusting(cert).getSocketFactory())) {
                assertThat(client.publish(Topics.telemetry("gw-tls"), batch("gw-tls", 1, 3)).reasonCode()).isZero();
            }
            assertThat(new JsonObject(server.get("/api/gateways/gw-tls/tally")).getLong("readings")).isEqualTo(3);

            // a plain MQTT client on the TLS port gets no connection, and the failed handshake is counted
            assertThatThrownBy(() -> PahoClient.connect("tcp://127.0.0.1:" + tlsPort, "gw-tls", "gw-tls", secret))
                    .isInstanceOf(MqttException.class);
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> server.metric("coldwatch_mqtt_tls_handshake_failures_total") >= 1.0);
            // ... while the plain port still serves
            try (PahoClient plain = PahoClient.connect(server.mqttUri(), "gw-tls", "gw-tls", secret)) {
                assertThat(plain.publish(Topics.telemetry("gw-tls"), batch("gw-tls", 2, 1)).reasonCode()).isZero();
            }
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Test
    void overTheConnectionLimitAGatewayIsRefusedButAReconnectingOneTakesItsOwnPlace() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("server"), "mqtt.maxConnections=2")) {
            String one = server.register("store-a", "gw-1");
            String two = server.register("store-a", "gw-2");
            String three = server.register("store-a", "gw-3");
            try (PahoClient first = PahoClient.connect(server.mqttUri(), "gw-1", "gw-1", one);
                 PahoClient second = PahoClient.connect(server.mqttUri(), "gw-2", "gw-2", two)) {

                assertThatThrownBy(() -> PahoClient.connect(server.mqttUri(), "gw-3", "gw-3", three))
                        .isInstanceOfSatisfying(MqttException.class,
                                e -> assertThat(e.getReasonCode()).isEqualTo(QUOTA_EXCEEDED));
                assertThat(server.metric("coldwatch_mqtt_connects_total{outcome=\"refused\",reason=\"connection_limit\"}"))
                        .isEqualTo(1.0);

                // gw-1 comes back on a new connection (its old one half-dead): it replaces itself, not counted twice
                try (PahoClient again = PahoClient.connect(server.mqttUri(), "gw-1", "gw-1", one)) {
                    assertThat(again.publish(Topics.telemetry("gw-1"), batch("gw-1", 1, 1)).reasonCode()).isZero();
                    assertThat(server.metric("coldwatch_mqtt_connections")).isEqualTo(2.0);
                    assertThat(second.publish(Topics.telemetry("gw-2"), batch("gw-2", 1, 1)).reasonCode()).isZero();
                }
                assertThat(server.metric("coldwatch_mqtt_connects_total{outcome=\"refused\",reason=\"connection_limit\"}"))
                        .isEqualTo(1.0);
                assertThat(server.metric("coldwatch_mqtt_connects_total{outcome=\"accepted\",reason=\"none\"}"))
                        .isEqualTo(3.0);
            }
        }
    }

    @Test
    void aClientThatGoesSilentIsDisconnectedAfterOneAndAHalfKeepAlivesAndGoesOffline() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("server"))) {
            String secret = server.register("store-a", "gw-silent");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.mqttPort())) {
                // GIVEN an MQTT 3.1.1 CONNECT with a keep-alive of 2 s, accepted ...
                OutputStream out = socket.getOutputStream();
                out.write(connect(4, "gw-silent", secret, 2));
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] connack = new byte[4];
                in.readFully(connack);
                assertThat(connack).containsExactly(0x20, 0x02, 0x00, 0x00);
                assertThat(new JsonObject(server.get("/health")).getInteger("gatewaysOnline")).isEqualTo(1);

                // WHEN it sends nothing more (no PINGREQ), THEN the server closes the connection (end of stream)
                socket.setSoTimeout(20_000);
                assertThat(in.read()).isEqualTo(-1);
            }
            // ... counts it, and the gateway is offline
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> server.metric("coldwatch_mqtt_keepalive_timeouts_total") == 1.0);
            assertThat(new JsonObject(server.get("/health")).getInteger("gatewaysOnline")).isZero();
            assertThat(server.log()).contains("gateway=gw-silent silent for 1.5 x its keep-alive of 2 s");
        }
    }

    @Test
    void anMqtt5ClientWithoutKeepAliveIsToldTheServersAndHeldToIt() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("server"), "mqtt.maxKeepAliveSeconds=2")) {
            String secret = server.register("store-a", "gw-forever");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.mqttPort())) {
                // GIVEN an MQTT 5 CONNECT with keep-alive 0 ("never")
                socket.getOutputStream().write(connect(5, "gw-forever", secret, 0));
                DataInputStream in = new DataInputStream(socket.getInputStream());
                assertThat(in.read()).as("CONNACK").isEqualTo(0x20);
                byte[] connack = new byte[in.read()];
                in.readFully(connack);
                // THEN the CONNACK (success) carries Server Keep Alive (0x13) = 2 s ...
                assertThat(connack[1]).as("reason code").isZero();
                assertThat(java.util.HexFormat.of().formatHex(connack)).contains("130002");
                // ... and a client silent for 1.5 x that is disconnected and counted
                socket.setSoTimeout(20_000);
                assertThat(in.read()).isEqualTo(-1);
            }
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> server.metric("coldwatch_mqtt_keepalive_timeouts_total") == 1.0);
            assertThat(server.log()).contains("gateway=gw-forever silent for 1.5 x its keep-alive of 2 s");
        }
    }

    /** A CONNECT packet (protocol level 4 = MQTT 3.1.1, 5 = MQTT 5) with user name = client id and a password. */
    private static byte[] connect(int level, String clientId, String password, int keepAliveSeconds) {
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        writeString(variable, "MQTT");
        variable.write(level);
        variable.write(0xC2); // user name, password, clean session
        variable.write(keepAliveSeconds >> 8);
        variable.write(keepAliveSeconds & 0xFF);
        if (level == 5) {
            variable.write(0); // no properties
        }
        writeString(variable, clientId);
        writeString(variable, clientId);
        writeString(variable, password);
        byte[] body = variable.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    @Test
    void aPayloadOverTheConfiguredLimitIsRefusedAndAFrameBeyondTheDecoderClosesTheConnection() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("server"), "mqtt.maxPayloadBytes=2048")) {
            String secret = server.register("store-a", "gw-big");
            try (PahoClient client = PahoClient.connect(server.mqttUri(), "gw-big", "gw-big", secret)) {
                byte[] over = new byte[3_000];
                java.util.Arrays.fill(over, (byte) ' ');

                Answer answer = client.publish(Topics.telemetry("gw-big"), over);

                assertThat(answer.reasonCode()).isEqualTo(PAYLOAD_FORMAT_INVALID);
                assertThat(answer.reasonString()).isEqualTo("payload is 3000 bytes; the limit is 2048");
                assertThat(server.metric("coldwatch_ingest_rejected_total{reason=\"payload_too_large\"}"))
                        .isEqualTo(1.0);
                assertThat(client.publish(Topics.telemetry("gw-big"), batch("gw-big", 1, 2)).reasonCode()).isZero();

                byte[] huge = new byte[9_000]; // beyond 4 x 2048: the decoder does not read it
                assertThatThrownBy(() -> client.publish(Topics.telemetry("gw-big"), huge))
                        .isInstanceOf(MqttException.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> !client.isConnected());
            }
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> server.metric("coldwatch_ingest_rejected_total{reason=\"frame_too_large\"}") == 1.0);
            assertThat(server.get("/api/rejections")).contains("\"reason\":\"payload_too_large\"")
                    .contains("\"reason\":\"frame_too_large\"");
        }
    }

    @Test
    void aGatewayAboveItsMessageRateIsAcknowledgedLaterNeverRefused() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("server"),
                "mqtt.rateLimit.messagesPerSecond=5", "mqtt.rateLimit.burstSeconds=1")) {
            String secret = server.register("store-a", "gw-fast");
            try (PahoClient client = PahoClient.connect(server.mqttUri(), "gw-fast", "gw-fast", secret)) {
                for (int seq = 1; seq <= 20; seq++) {
                    assertThat(client.publish(Topics.telemetry("gw-fast"), batch("gw-fast", seq, 2)).reasonCode())
                            .as("seq %d", seq).isZero();
                }
            }
            // 5 went through on the burst; most of the rest waited for their tokens, and all 20 are stored once
            assertThat(server.metric("coldwatch_mqtt_throttled_messages_total")).isGreaterThanOrEqualTo(10.0);
            assertThat(server.metric("coldwatch_mqtt_throttle_delay_seconds_count")).isGreaterThanOrEqualTo(10.0);
            JsonObject tally = new JsonObject(server.get("/api/gateways/gw-fast/tally"));
            assertThat(tally.getLong("batches")).isEqualTo(20);
            assertThat(tally.getLong("readings")).isEqualTo(40);
            assertThat(tally.getLong("gaps")).isZero();
            assertThat(server.metric("coldwatch_ingest_rejected_total{reason=\"payload_too_large\"}")).isZero();
        }
    }

    @Test
    void aGatewayAboveItsReadingRateIsThrottledToo() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("server"),
                "mqtt.rateLimit.readingsPerSecond=100", "mqtt.rateLimit.burstSeconds=1")) {
            String secret = server.register("store-a", "gw-big-batches");
            try (PahoClient client = PahoClient.connect(server.mqttUri(), "gw-big-batches", "gw-big-batches",
                    secret)) {
                for (int seq = 1; seq <= 6; seq++) {
                    assertThat(client.publish(Topics.telemetry("gw-big-batches"), batch("gw-big-batches", seq, 50))
                            .reasonCode()).isZero();
                }
            }
            assertThat(server.metric("coldwatch_mqtt_throttled_messages_total")).isGreaterThanOrEqualTo(3.0);
            assertThat(new JsonObject(server.get("/api/gateways/gw-big-batches/tally")).getLong("readings"))
                    .isEqualTo(300);
        }
    }
}
