package org.coldwatch.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coldwatch.gateway.alarm.ActiveAlarm;
import org.coldwatch.gateway.alarm.AlarmCondition;
import org.coldwatch.gateway.alarm.AlarmState;
import org.coldwatch.gateway.outbox.OutboxHealth;
import org.coldwatch.gateway.outbox.OutboxState;
import org.coldwatch.gateway.sensor.SensorHealth;
import org.coldwatch.gateway.sensor.SensorState;
import org.coldwatch.protocol.health.GatewayHealth;
import org.coldwatch.protocol.health.GatewayHealthCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthInputsTest {
    private static final Instant START = Instant.parse("2026-12-03T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void turnsRawFiguresIntoAReportThatDecodes() throws Exception {
        Instant now = START.plusSeconds(3600);
        HealthInputs inputs = new HealthInputs(now, START, 42, Optional.of(now.minusSeconds(90)), Optional.of(1L << 30),
                Optional.of(47.856), 10, 20, 3, 1, Optional.of(5L), Optional.empty(),
                new AlarmState(true, List.of(new ActiveAlarm("too-warm", "air", AlarmCondition.NO_DATA,
                        START, false)), 1),
                Optional.of(new OutboxHealth(42, Duration.ofSeconds(90), 240_000_000, 268_435_456, 1L << 30,
                        OutboxState.NEAR_FULL, 0, 0, 0, 0)),
                List.of(new SensorHealth("air", "sht3x", SensorState.OK, "", Optional.of(now)),
                        new SensorHealth("core", "ds18b20", SensorState.CRC, "CRC line NO", Optional.empty())));

        GatewayHealth report = inputs.toReport("gw-7");

        assertThat(report.uptimeSeconds()).isEqualTo(3600);
        assertThat(report.oldestUnsentAgeSeconds()).contains(90L);
        assertThat(report.cpuTemperatureCelsius()).contains(47.9);
        assertThat(report.alarm().active()).singleElement()
                .satisfies(a -> assertThat(a.condition()).isEqualTo("no_data"));
        assertThat(report.outbox()).contains(new GatewayHealth.Outbox("near-full", 240_000_000, 268_435_456, 0, 0, 0));
        assertThat(report.sensorFaults()).as("only failing sensors").containsExactly(
                new GatewayHealth.SensorFault("core", "crc"));
        assertThat(GatewayHealthCodec.decode(GatewayHealthCodec.encode(report))).isEqualTo(report);
    }

    @Test
    void readsMillidegreesFromTheThermalZoneAndNothingWithoutOne() throws Exception {
        Path zone = Files.writeString(dir.resolve("temp"), "51540\n");

        assertThat(new CpuTemperature(zone).celsius()).contains(51.54);
        assertThat(new CpuTemperature(dir.resolve("missing")).celsius()).isEmpty();
        assertThat(new CpuTemperature(Files.writeString(dir.resolve("bad"), "hot")).celsius()).isEmpty();
    }
}
