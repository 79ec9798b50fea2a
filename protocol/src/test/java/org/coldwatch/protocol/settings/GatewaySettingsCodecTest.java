package org.coldwatch.protocol.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.ProtocolException.Problem;
import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewaySettingsCodecTest {

    static byte[] sample(String name) throws IOException {
        try (InputStream in = GatewaySettingsCodecTest.class.getResourceAsStream("/samples/" + name)) {
            assertThat(in).as("sample %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static final GatewaySettings V3 = new GatewaySettings(3, Optional.of(5000L),
            Map.of("air-return", new Calibration(-0.3, 1.0), "probe-core", new Calibration(0.12, 1.01)),
            List.of(new AlarmRule("too-warm", "air-return", ReadingKind.TEMPERATURE, 8.0, null, 900, 0.5, 600),
                    new AlarmRule("too-dry", "room1-*", ReadingKind.HUMIDITY, null, 85.0, 0, 0.0, 0)));

    @Test
    void decodesTheGoldenSamples() throws Exception {
        assertThat(GatewaySettingsCodec.decode(sample("settings-v3.json"))).isEqualTo(V3);
        assertThat(GatewaySettingsCodec.decode(sample("settings-minimal.json")))
                .isEqualTo(new GatewaySettings(1, Optional.empty(), Map.of(), List.of()));
    }

    @Test
    void roundTrips() throws Exception {
        assertThat(GatewaySettingsCodec.decode(GatewaySettingsCodec.encode(V3))).isEqualTo(V3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|version: missing",
        "{\"version\":0}|version: must be 1…9223372036854775807, was 0",
        "{\"version\":1.5}|version: expected an integer",
        "{\"version\":\"1\"}|version: expected an integer",
        "{\"version\":1,\"colour\":\"red\"}|colour: unknown field (allowed: version, samplingIntervalMillis,"
            + " calibrations, alarmRules)",
        "{\"version\":1,\"samplingIntervalMillis\":10}|samplingIntervalMillis: must be 100…86400000, was 10",
        "{\"version\":1,\"calibrations\":{\"t1\":{\"offset\":1,\"scale\":10}}}|calibrations.t1.scale: must be"
            + " 0.5…2.0, was 10.0",
        "{\"version\":1,\"calibrations\":{\"t1\":{}}}|calibrations.t1.offset: missing",
        "{\"version\":1,\"alarmRules\":[{\"id\":\"r\",\"sensor\":\"t1\",\"kind\":\"temperature\"}]}"
            + "|alarmRules[0].above/below: give exactly one of the two",
        "{\"version\":1,\"alarmRules\":[{\"id\":\"r\",\"sensor\":\"t1\",\"kind\":\"temperature\",\"above\":120}]}"
            + "|alarmRules[0].above: must lie in -60.0…80.0 Cel for temperature, was 120.0",
        "{\"version\":1,\"alarmRules\":[{\"id\":\"r\",\"sensor\":\"t/1\",\"kind\":\"temperature\",\"above\":1}]}"
            + "|alarmRules[0].sensor: must be a sensor id, a prefix ending in '*', or '*', was 't/1'",
        "{\"version\":1,\"alarmRules\":[{\"id\":\"r\",\"sensor\":\"a\",\"kind\":\"temperature\",\"above\":1},"
            + "{\"id\":\"r\",\"sensor\":\"b\",\"kind\":\"temperature\",\"above\":1}]}"
            + "|alarmRules[1].id: 'r' is used by an earlier rule",
    })
    void refusesInvalidSettingsNamingTheField(String json, String message) {
        assertThatThrownBy(() -> GatewaySettingsCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class).hasMessage(message);
    }

    @Test
    void refusesAnUnknownKindAndDuplicateKeys() {
        assertThatThrownBy(() -> GatewaySettingsCodec.decode(("{\"version\":1,\"alarmRules\":[{\"id\":\"r\","
                + "\"sensor\":\"a\",\"kind\":\"pressure\",\"above\":1}]}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).problem()).isEqualTo(Problem.UNKNOWN_KIND));
        assertThatThrownBy(() -> GatewaySettingsCodec.decode("{\"version\":1,\"version\":2}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).problem()).isEqualTo(Problem.MALFORMED_JSON));
    }
}
