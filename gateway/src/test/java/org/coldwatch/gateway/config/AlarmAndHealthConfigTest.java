package org.coldwatch.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.settings.AlarmRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmAndHealthConfigTest {
    private static final String IDENTITY = "gateway:\n  id: gw-7\n  secret: s\n";

    @TempDir
    Path dir;

    private GatewayConfig load(String yaml) throws IOException {
        return GatewayConfig.load(Files.writeString(dir.resolve("gateway.yaml"), IDENTITY + yaml), Map.of());
    }

    @Test
    void readsPinsAndRules() throws IOException {
        GatewayConfig config = load("""
                alarm:
                  outputPin: 18
                  activeHigh: false
                  silencePin: 23
                  resoundAfterSeconds: 600
                  rules:
                    - id: too-warm
                      sensor: air-return
                      kind: temperature
                      above: 8
                      delaySeconds: 900
                      hysteresis: 0.5
                    - id: too-dry
                      sensor: "room1-*"
                      kind: humidity
                      below: 85
                      noDataSeconds: 600
                health:
                  intervalSeconds: 30
                """);

        assertThat(config.alarm().outputPin()).contains(18);
        assertThat(config.alarm().activeHigh()).isFalse();
        assertThat(config.alarm().silencePin()).contains(23);
        assertThat(config.alarm().resoundAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.alarm().rules()).containsExactly(
                new AlarmRule("too-warm", "air-return", ReadingKind.TEMPERATURE, 8.0, null, 900, 0.5, 0),
                new AlarmRule("too-dry", "room1-*", ReadingKind.HUMIDITY, null, 85.0, 0, 0.0, 600));
        assertThat(config.health().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.health().cpuTemperaturePath()).isEqualTo(Path.of("/sys/class/thermal/thermal_zone0/temp"));
    }

    @Test
    void namesEveryBadRuleField() throws IOException {
        assertThatThrownBy(() -> load("""
                alarm:
                  rules:
                    - id: r1
                      sensor: air
                      kind: temperature
                      above: 8
                      below: 2
                    - id: r2
                      sensor: air
                      kind: pressure
                      above: 8
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alarm.rules[0].above/below: give exactly one of the two")
                .hasMessageContaining("alarm.rules[1].kind: unknown kind 'pressure'");
    }

    @Test
    void refusesBadPinsDuplicateRuleIdsAndIntervals() throws IOException {
        assertThatThrownBy(() -> load("""
                alarm:
                  outputPin: 40
                  silencePin: 40
                  rules:
                    - {id: r, sensor: a, kind: temperature, above: 8}
                    - {id: r, sensor: b, kind: temperature, above: 8}
                health:
                  intervalSeconds: 0
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alarm.outputPin: must be a BCM GPIO number 0…27, was 40")
                .hasMessageContaining("alarm.silencePin: must differ from alarm.outputPin")
                .hasMessageContaining("alarm.rules: rule id 'r' is used twice")
                .hasMessageContaining("health.intervalSeconds: must be 1…86400, was 0");
    }

    @Test
    void refusesUnknownKeysInARule() throws IOException {
        assertThatThrownBy(() -> load("alarm:\n  rules:\n    - {id: r, sensor: a, kind: temperature, abov: 8}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alarm.rules.[0].abov: unknown key");
    }
}
