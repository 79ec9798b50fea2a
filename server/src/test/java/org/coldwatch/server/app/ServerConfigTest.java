package org.coldwatch.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.rollups.RollupSettings;
import org.coldwatch.server.rollups.TargetRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    @Test
    void loadsTheShippedSampleConfig() {
        ServerConfig config = ServerConfig.load(Path.of("../deploy/server/server.yaml"), Map.of(), List.of());

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.mqttPort()).isEqualTo(1883);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/coldwatch-server"));
        assertThat(config.maxBehind()).isEqualTo(Duration.ofDays(180));
        assertThat(config.rollups()).isEqualTo(RollupSettings.defaults());
    }

    @Test
    void defaultsApplyWithoutAFile() {
        ServerConfig config = ServerConfig.load(null, Map.of(), List.of());

        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.mqttReceiveMaximum()).isEqualTo(1000);
        assertThat(config.maxAhead()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.rollups()).isEqualTo(RollupSettings.defaults());
    }

    @Test
    void readsRollupSettingsAndRefusesBadOnesNamingTheKey() {
        ServerConfig config = ServerConfig.load(null, Map.of("COLDWATCH_ROLLUPS_ZONE", "Europe/Berlin"),
                List.of("rollups.temperatureMaxCelsius=8.5", "rollups.maxIntervalSeconds=30"));
        assertThat(config.rollups().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(config.rollups().maxInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.rollups().target(ReadingKind.TEMPERATURE)).contains(new TargetRange(0.0, 8.5));

        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("rollups.zone=Mars/Olympus")))
                .hasMessage("rollups.zone: 'Mars/Olympus' is not a time zone id such as Asia/Shanghai");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("rollups.humidityMinPercent=97")))
                .hasMessage("rollups.humidityMinPercent: 97.0 is above rollups.humidityMaxPercent (95.0)");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("rollups.temperatureMinCelsius=cold")))
                .hasMessage("rollups.temperatureMinCelsius: 'cold' is not a number");
    }

    @Test
    void environmentOverridesTheFileAndSetOverridesTheEnvironment() {
        ServerConfig config = ServerConfig.load(Path.of("../deploy/server/server.yaml"),
                Map.of("COLDWATCH_HTTP_PORT", "9090", "COLDWATCH_MQTT_RECEIVE_MAXIMUM", "50"),
                List.of("http.port=9191"));

        assertThat(config.httpPort()).isEqualTo(9191);
        assertThat(config.mqttReceiveMaximum()).isEqualTo(50);
    }

    @Test
    void refusesAnUnknownKeyNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("server.yaml"), "http:\n  prot: 8080\n");

        assertThatThrownBy(() -> ServerConfig.load(file, Map.of(), List.of()))
                .isInstanceOf(ServerConfig.ConfigException.class)
                .hasMessageStartingWith("http.prot (from " + file + "): unknown key");
    }

    @Test
    void refusesAnInvalidValueNamingTheKey() {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("mqtt.port=70000")))
                .hasMessage("mqtt.port: 70000 is outside 0…65535");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("COLDWATCH_HTTP_PORT", "eighty"), List.of()))
                .hasMessage("http.port: 'eighty' is not a whole number");
    }
}
