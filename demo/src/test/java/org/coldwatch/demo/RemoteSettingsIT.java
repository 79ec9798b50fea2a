package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coldwatch.gateway.alarm.AlarmSettings;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.health.HealthSettings;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.settings.AlarmRule;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote settings end to end with real parts: a real server process, a real gateway over loopback MQTT. Settings PUT
 * on the server reach the gateway, change its sampling interval, calibration and alarm rules; the applied version
 * comes back in the gateway's health; a gateway restarted with no server keeps the applied settings.
 */
class RemoteSettingsIT {
    private static final String GW = "gw-remote";

    @TempDir
    Path dir;

    private static SensorSource constantAir(double celsius) {
        return new SensorSource() {
            @Override
            public String name() {
                return "air";
            }

            @Override
            public List<Reading> read(Instant now) {
                return List.of(Reading.of("air", ReadingKind.TEMPERATURE, celsius, now));
            }
        };
    }

    private GatewayConfig config(String secret, String serverUri) {
        AlarmRule fileRule = new AlarmRule("file-rule", "air", ReadingKind.TEMPERATURE, 50.0, null, 0, 0, 0);
        return GatewayConfig.builder(GW, secret).serverUri(serverUri)
                .outboxPath(dir.resolve("gateway").resolve("outbox.db"))
                .backoffInitialMillis(100).backoffMaxMillis(1_000)
                .samplingIntervalMillis(10_000)
                .alarm(new AlarmSettings(Optional.empty(), true, Optional.empty(), false, 1800, List.of(fileRule)))
                .health(new HealthSettings(1, dir.resolve("no-thermal-zone")))
                .build();
    }

    @Test
    void settingsPutOnTheServerReachTheGatewayAreReportedBackAndSurviveARestartWithoutServer() throws Exception {
        long version;
        try (ServerProcess server = ServerProcess.start(dir.resolve("server"))) {
            String secret = server.register("store-remote", GW);
            try (Gateway gateway = Gateway.start(config(secret, server.mqttUri()), List.of(constantAir(9.0)),
                    Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> gateway.uplinkStats().connected());
                assertThat(gateway.alarm().state().active()).isEmpty();

                // WHEN a technician changes the gateway's settings on the server
                HttpResponse<String> put = server.put("/api/gateways/" + GW + "/settings", """
                        {"samplingIntervalMillis": 200,
                         "calibrations": {"air": {"offset": -0.5}},
                         "alarmRules": [{"id": "too-warm", "sensor": "air", "kind": "temperature", "above": 8,
                                         "hysteresis": 0.5}]}""");
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
                version = new JsonObject(put.body()).getLong("version");

                // THEN the gateway applies them: new interval, new rules (9.0 − 0.5 = 8.5 > 8 raises), calibration
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        gateway.settingsStatus().appliedVersion().equals(Optional.of(version)));
                assertThat(gateway.samplingInterval()).isEqualTo(Duration.ofMillis(200));
                long rounds = gateway.samplerStats().rounds();
                await().atMost(Duration.ofSeconds(30)).until(() -> gateway.samplerStats().rounds() >= rounds + 10);
                await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.alarm().state().active().isEmpty());
                assertThat(gateway.alarm().state().active()).singleElement()
                        .satisfies(a -> assertThat(a.ruleId()).isEqualTo("too-warm"));
                await().atMost(Duration.ofSeconds(30)).until(() -> newestAir(server) == 8.5);

                // ... and its health tells the server which version it runs
                await().atMost(Duration.ofSeconds(30)).until(() -> version == appliedVersionOnServer(server));
                JsonObject health = new JsonObject(server.get("/api/gateways/" + GW + "/health"))
                        .getJsonObject("report");
                assertThat(health.getLong("settingsVersion")).isEqualTo(version);
                assertThat(health.getJsonObject("alarm").getBoolean("sounding")).isTrue();
                assertThat(health.getLong("diskFreeBytes")).isPositive();
                assertThat(health.containsKey("cpuTemperatureCelsius")).isFalse();
                // ... and the alarm it raised was published as an event the server logged
                await().atMost(Duration.ofSeconds(30)).until(() -> server.log()
                        .contains("gateway=" + GW + " alarm raised rule=too-warm sensor=air condition=above value=8.5"));
            }
        }

        // WHEN the gateway restarts while the server is gone
        try (Gateway offline = Gateway.start(config("secret", "tcp://127.0.0.1:" + ServerProcess.freePort()),
                List.of(constantAir(9.0)), Clock.systemUTC())) {
            // THEN it runs with the settings it applied last, not with its file's
            assertThat(offline.settingsStatus().appliedVersion()).contains(version);
            assertThat(offline.samplingInterval()).isEqualTo(Duration.ofMillis(200));
            await().atMost(Duration.ofSeconds(10)).until(() -> !offline.alarm().state().active().isEmpty());
            assertThat(offline.alarm().state().active()).singleElement()
                    .satisfies(a -> assertThat(a.ruleId()).isEqualTo("too-warm"));
            assertThat(offline.uplinkStats().connected()).isFalse();
        }
    }

    private static double newestAir(ServerProcess server) throws Exception {
        JsonArray readings = new JsonArray(server.get("/api/gateways/" + GW + "/readings?sensor=air&limit=1"));
        return readings.isEmpty() ? Double.NaN : readings.getJsonObject(0).getDouble("value");
    }

    private static long appliedVersionOnServer(ServerProcess server) throws Exception {
        Long applied = new JsonObject(server.get("/api/gateways/" + GW + "/settings")).getLong("appliedVersion");
        return applied == null ? -1 : applied;
    }
}
