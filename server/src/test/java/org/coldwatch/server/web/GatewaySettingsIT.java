package org.coldwatch.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Topics;
import org.coldwatch.protocol.health.GatewayHealth;
import org.coldwatch.protocol.health.GatewayHealthCodec;
import org.coldwatch.protocol.settings.GatewaySettings;
import org.coldwatch.protocol.settings.GatewaySettingsCodec;
import org.coldwatch.server.testing.ServerProcess;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote settings and health against a real server process, with a bare MQTT 5 client playing the gateway: PUT
 * settings are validated, numbered and published retained to the connected gateway and again on every subscribe;
 * health reports are stored and tell which version the gateway applied; malformed health is refused and counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewaySettingsIT {
    private static final String GW = "gw-settings";
    private static final long TIMEOUT = 20_000;

    @TempDir
    static Path dir;
    ServerProcess server;
    String secret;

    @BeforeAll
    void startServer() throws Exception {
        server = ServerProcess.start(dir);
        secret = server.register("store-s", GW);
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    /** A connected gateway stand-in that collects what arrives on its config topic. */
    private final class FakeGateway implements AutoCloseable {
        final MqttAsyncClient client;
        final BlockingQueue<MqttMessage> configs = new LinkedBlockingQueue<>();

        FakeGateway() throws Exception {
            client = new MqttAsyncClient(server.mqttUri(), GW, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(GW);
            options.setPassword(secret.getBytes(StandardCharsets.UTF_8));
            options.setCleanStart(true);
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    configs.add(message);
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                }

                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                }
            });
            client.connect(options).waitForCompletion(TIMEOUT);
            client.subscribe(Topics.config(GW), 1).waitForCompletion(TIMEOUT);
        }

        /** The config with {@code version}, skipping older ones (the retained one arrives first on subscribe). */
        GatewaySettings config(long version) throws Exception {
            while (true) {
                GatewaySettings next = nextConfig();
                if (next.version() >= version) {
                    return next;
                }
            }
        }

        GatewaySettings nextConfig() throws Exception {
            MqttMessage message = configs.poll(TIMEOUT, TimeUnit.MILLISECONDS);
            assertThat(message).as("a config message").isNotNull();
            assertThat(message.isRetained()).isTrue();
            return GatewaySettingsCodec.decode(message.getPayload());
        }

        void publishHealth(byte[] payload) throws Exception {
            client.publish(Topics.health(GW), payload, 0, false).waitForCompletion(TIMEOUT);
        }

        @Override
        public void close() throws Exception {
            client.disconnect().waitForCompletion(TIMEOUT);
            client.close(true);
        }
    }

    private static GatewayHealth health(long appliedVersion) {
        return new GatewayHealth(GW, Instant.now(), 10, 0, Optional.empty(), Optional.of(1_000_000L),
                Optional.empty(), 1, 2, 0, 0, Optional.of(appliedVersion), Optional.empty(),
                GatewayHealth.Alarm.quiet());
    }

    @Test
    void settingsReachTheConnectedGatewayAndComeAgainOnReconnectAndTheAppliedVersionComesBackInHealth()
            throws Exception {
        try (FakeGateway gateway = new FakeGateway()) {
            HttpResponse<String> put = server.put("/api/gateways/" + GW + "/settings", """
                    {"samplingIntervalMillis": 2000,
                     "alarmRules": [{"id": "too-warm", "sensor": "air", "kind": "temperature", "above": 8}]}""");

            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            JsonObject answer = new JsonObject(put.body());
            long version = answer.getLong("version");
            assertThat(answer.getBoolean("sentNow")).isTrue();
            GatewaySettings received = gateway.config(version);
            assertThat(received.version()).isEqualTo(version);
            assertThat(received.samplingIntervalMillis()).contains(2000L);
            assertThat(received.alarmRules()).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo("too-warm"));

            gateway.publishHealth(GatewayHealthCodec.encode(health(version)));

            await().atMost(Duration.ofSeconds(20)).until(() ->
                    new JsonObject(server.get("/api/gateways/" + GW + "/settings")).getLong("appliedVersion") != null);
            JsonObject settings = new JsonObject(server.get("/api/gateways/" + GW + "/settings"));
            assertThat(settings.getLong("desiredVersion")).isEqualTo(version);
            assertThat(settings.getLong("appliedVersion")).isEqualTo(version);
            assertThat(settings.getJsonObject("desired").getLong("samplingIntervalMillis")).isEqualTo(2000L);
            JsonObject stored = new JsonObject(server.get("/api/gateways/" + GW + "/health"));
            assertThat(stored.getJsonObject("report").getLong("diskFreeBytes")).isEqualTo(1_000_000L);
        }
        try (FakeGateway again = new FakeGateway()) {
            GatewaySettings retained = again.nextConfig();
            assertThat(retained.version()).isEqualTo(
                    new JsonObject(server.get("/api/gateways/" + GW + "/settings")).getLong("desiredVersion"));
        }
    }

    @Test
    void eachPutGetsTheNextVersionAndAnOfflineGatewayGetsItWhenItConnects() throws Exception {
        JsonObject offline = new JsonObject(server.put("/api/gateways/" + GW + "/settings", "{}").body());
        assertThat(offline.getBoolean("sentNow")).isFalse();
        long first = offline.getLong("version");
        long second = new JsonObject(server.put("/api/gateways/" + GW + "/settings", "{}").body()).getLong("version");

        assertThat(second).isEqualTo(first + 1);
        assertThat(new JsonObject(server.get("/api/gateways/" + GW + "/settings")).getLong("desiredVersion"))
                .isEqualTo(second);
        try (FakeGateway connecting = new FakeGateway()) {
            assertThat(connecting.nextConfig().version()).isEqualTo(second);
        }
    }

    @Test
    void refusesInvalidSettingsWithTheFieldAndKeepsTheVersion() throws Exception {
        long before = new JsonObject(server.put("/api/gateways/" + GW + "/settings", "{}").body()).getLong("version");

        HttpResponse<String> bad = server.put("/api/gateways/" + GW + "/settings",
                "{\"calibrations\": {\"air\": {\"offset\": 1, \"scale\": 10}}}");
        HttpResponse<String> versioned = server.put("/api/gateways/" + GW + "/settings", "{\"version\": 99}");
        HttpResponse<String> unknown = server.put("/api/gateways/gw-nobody/settings", "{}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("error")).isEqualTo("calibrations.air.scale: must be 0.5…2.0,"
                + " was 10.0");
        assertThat(versioned.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(server.get("/api/gateways/" + GW + "/settings")).getLong("desiredVersion"))
                .isEqualTo(before);
    }

    @Test
    void malformedHealthIsRefusedCountedAndArchived() throws Exception {
        double before = server.metric("coldwatch_ingest_rejected_total{reason=\"schema_violation\"}");
        try (FakeGateway gateway = new FakeGateway()) {
            gateway.publishHealth("{\"gateway\":\"gw-settings\"}".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(20)).until(() ->
                    server.metric("coldwatch_ingest_rejected_total{reason=\"schema_violation\"}") > before);
        }
        List<Object> rejections = new io.vertx.core.json.JsonArray(server.get("/api/rejections")).getList();
        assertThat(rejections.toString()).contains("health: timeMs: missing");
    }
}
