package org.coldwatch.protocol.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coldwatch.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayHealthCodecTest {

    static byte[] sample(String name) throws IOException {
        try (InputStream in = GatewayHealthCodecTest.class.getResourceAsStream("/samples/" + name)) {
            assertThat(in).as("sample %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static final GatewayHealth FULL = new GatewayHealth("gw-lijiacun-01",
            Instant.ofEpochMilli(1796263200000L), 86400, 120, Optional.of(600L), Optional.of(12884901888L),
            Optional.of(48.3), 20971520, 50331648, 4, 1, Optional.of(3L),
            Optional.of(new GatewayHealth.Refusal(4,
                    "alarmRules[0].above: must lie in -60.0…80.0 Cel for temperature, was 120.0")),
            new GatewayHealth.Alarm(true, List.of(new GatewayHealth.ActiveAlarm("too-warm", "air-return", "above",
                    Instant.ofEpochMilli(1796262300000L), false))));

    @Test
    void decodesTheGoldenSamples() throws Exception {
        assertThat(GatewayHealthCodec.decode(sample("health-full.json"))).isEqualTo(FULL);
        GatewayHealth minimal = GatewayHealthCodec.decode(sample("health-minimal.json"));
        assertThat(minimal.cpuTemperatureCelsius()).isEmpty();
        assertThat(minimal.settingsVersion()).isEmpty();
        assertThat(minimal.alarm()).isEqualTo(GatewayHealth.Alarm.quiet());
    }

    private static final GatewayHealth OUTBOX_FULL = new GatewayHealth("gw-zhangwan-01",
            Instant.ofEpochMilli(1796263200000L), 604800, 9_500_000, Optional.of(17_884_800L),
            Optional.of(71_303_168L), Optional.empty(), 20971520, 41943040, 0, 2, Optional.empty(), Optional.empty(),
            GatewayHealth.Alarm.quiet(),
            Optional.of(new GatewayHealth.Outbox("full", 268_435_456, 268_435_456, 41_760, 0, 0)),
            List.of(new GatewayHealth.SensorFault("room1-core", "missing"),
                    new GatewayHealth.SensorFault("room1-air", "crc")));

    @Test
    void roundTrips() throws Exception {
        assertThat(GatewayHealthCodec.decode(GatewayHealthCodec.encode(FULL))).isEqualTo(FULL);
        assertThat(GatewayHealthCodec.decode(GatewayHealthCodec.encode(OUTBOX_FULL))).isEqualTo(OUTBOX_FULL);
    }

    @Test
    void carriesTheOutboxBudgetAndSensorFaults() throws Exception {
        GatewayHealth decoded = GatewayHealthCodec.decode(sample("health-outbox-full.json"));

        assertThat(decoded).isEqualTo(OUTBOX_FULL);
        assertThat(GatewayHealthCodec.decode(sample("health-full.json")).outbox()).as("optional").isEmpty();
        assertThat(GatewayHealthCodec.decode(sample("health-full.json")).sensorFaults()).isEmpty();
    }

    @Test
    void refusesAnUnknownOutboxStateOrSensorFault() throws Exception {
        String json = new String(sample("health-outbox-full.json"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> GatewayHealthCodec.decode(json.replace("\"full\"", "\"overflowing\"")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(ProtocolException.class)
                .hasMessage("outbox.state: expected ok, near-full or full, was 'overflowing'");
        assertThatThrownBy(() -> GatewayHealthCodec.decode(json.replace("\"crc\"", "\"sad\"")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("sensorFaults[1].state: expected one of");
        assertThatThrownBy(() -> GatewayHealthCodec.decode(json.replace("\"thinned\"", "\"thined\"")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(ProtocolException.class)
                .hasMessage("outbox.thinned: missing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|gateway: missing",
        "{\"gateway\":\"gw 7\"}|gateway: 'gw 7' is not a valid id",
        "{\"gateway\":\"gw-7\",\"timeMs\":0,\"uptimeSeconds\":-1}|uptimeSeconds: must be 0…9223372036854775807,"
            + " was -1",
        "{\"gateway\":\"gw-7\",\"timeMs\":0,\"uptimeSeconds\":1,\"outboxDepth\":0,\"heapUsedBytes\":1,"
            + "\"heapMaxBytes\":2,\"reconnects\":0,\"failingSources\":0}|alarm: missing",
        "{\"gateway\":\"gw-7\",\"timeMs\":0,\"uptimeSeconds\":1,\"outboxDepth\":0,\"heapUsedBytes\":1,"
            + "\"heapMaxBytes\":2,\"reconnects\":0,\"failingSources\":0,\"alarm\":{\"sounding\":false,\"active\":"
            + "[{\"rule\":\"r\",\"sensor\":\"s\",\"condition\":\"hot\",\"sinceMs\":0,\"silenced\":false}]}}"
            + "|alarm.active[0].condition: expected above, below or no_data, was 'hot'",
    })
    void refusesMalformedHealthNamingTheField(String json, String message) {
        assertThatThrownBy(() -> GatewayHealthCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class).hasMessage(message);
    }

    @Test
    void refusesNaNTemperature() {
        byte[] json = new String(GatewayHealthCodec.encode(FULL), StandardCharsets.UTF_8)
                .replace("48.3", "NaN").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> GatewayHealthCodec.decode(json)).isInstanceOf(ProtocolException.class)
                .hasMessage("cpuTemperatureCelsius: NaN is not a finite number");
    }
}
