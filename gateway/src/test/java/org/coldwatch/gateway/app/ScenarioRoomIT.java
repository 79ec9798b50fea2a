package org.coldwatch.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorHealth;
import org.coldwatch.gateway.sensor.SensorState;
import org.coldwatch.gateway.uplink.TelemetryRecorder;
import org.coldwatch.protocol.testing.MosquittoBroker;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.hardware.ScenarioHardware;
import org.coldwatch.sim.scenario.LiveSimulation;
import org.coldwatch.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * firmware-sim's {@code normal-week} room wired where hardware would be ({@link ScenarioHardware}: SHT31 at 0x44, two
 * DS18B20 files, an HX711 on GPIO 5/6, a door on GPIO 17), read by the gateway's real drivers from a {@code sensors:}
 * list written against the scenario's wiring: the values the drivers report are the room's.
 */
class ScenarioRoomIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private GatewayConfig config(MosquittoBroker broker, Path oneWire) {
        return GatewayConfig.builder("gw-normal-week", "it-secret").serverUri(broker.uri())
                .outboxPath(dir.resolve("outbox.db")).samplingIntervalMillis(500)
                .sensors(List.of(
                        SensorSpec.of(0, "air-return", "sht3x", Map.of("bus", 1, "address", "0x44")),
                        SensorSpec.of(1, "air-door", "ds18b20", Map.of("romId", "28-00000a1b2c01",
                                "root", oneWire.toString())),
                        SensorSpec.of(2, "core-apples", "ds18b20", Map.of("romId", "28-00000a1b2c02",
                                "root", oneWire.toString())),
                        // ScenarioHardware.LOAD_CELL: 40 000 counts unloaded, 209.7 counts per kg
                        SensorSpec.of(3, "scale-apples", "hx711", Map.of("clockPin", 5, "dataPin", 6,
                                "tareOffsetCounts", 40_000, "kgPerCount", 1 / 209.7)),
                        SensorSpec.of(4, "door", "door-contact", Map.of("pin", 17))))
                .build();
    }

    private static Optional<Reading> last(List<Reading> seen, String sensor, ReadingKind kind) {
        Reading found = null;
        for (Reading r : seen) {
            if (r.sensorId().equals(sensor) && r.kind() == kind) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }

    @Test
    void theDriversReportTheSimulatedRoomsValues() throws Exception {
        Clock clock = Clock.systemUTC();
        LiveSimulation room = LiveSimulation.realTime(ScenarioLoader.load("normal-week"), clock);
        List<Reading> seen = new CopyOnWriteArrayList<>();
        try (ScenarioHardware hardware = ScenarioHardware.attach(room, dir.resolve("w1"));
             MosquittoBroker broker = MosquittoBroker.start();
             TelemetryRecorder server = TelemetryRecorder.subscribe(broker.uri(), "gw-normal-week");
             SensorContext sensors = SensorContext.auto(clock)) {
            GatewayConfig config = config(broker, dir.resolve("w1"));
            Gateway gateway = Gateway.start(config, Gateway.sourcesFrom(config, sensors), clock,
                    List.of(seen::addAll));
            try {
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(seen.stream()
                        .map(r -> r.sensorId() + "/" + r.kind().wireName()).distinct())
                        .as("health %s", gateway.sensorHealth())
                        .contains("air-return/temperature", "air-return/humidity", "air-door/temperature",
                                "core-apples/temperature", "scale-apples/weight", "door/door"));

                // The room's channels add the datasheets' noise to every read (SHT3x 0.04 °C / 0.08 %RH, DS18B20
                // 0.03 °C + 0.0625 °C steps, load cell 0.2 kg, one σ), so the driver's value and a later read of the
                // channel differ by that noise twice over: the tolerances are 5 σ of that difference. A wrong formula,
                // byte order or calibration is off by far more. A real-time week moves less in these seconds.
                assertThat(last(seen, "air-return", ReadingKind.TEMPERATURE).orElseThrow().value())
                        .isCloseTo(room.value("air-return", ReadingKind.TEMPERATURE).orElseThrow(), within(0.3));
                assertThat(last(seen, "air-return", ReadingKind.HUMIDITY).orElseThrow().value())
                        .isCloseTo(room.value("air-return", ReadingKind.HUMIDITY).orElseThrow(), within(0.6));
                assertThat(last(seen, "core-apples", ReadingKind.TEMPERATURE).orElseThrow().value())
                        .isCloseTo(room.value("core-apples", ReadingKind.TEMPERATURE).orElseThrow(), within(0.35));
                assertThat(last(seen, "scale-apples", ReadingKind.WEIGHT).orElseThrow().value())
                        .isCloseTo(room.value("scale-apples", ReadingKind.WEIGHT).orElseThrow(), within(1.5));
                assertThat(last(seen, "door", ReadingKind.DOOR).orElseThrow().value())
                        .isEqualTo(room.value("door", ReadingKind.DOOR).orElseThrow());
                assertThat(gateway.sensorHealth()).extracting(SensorHealth::state).containsOnly(SensorState.OK);
                await().atMost(PATIENCE).until(() -> gateway.uplinkStats().acknowledged() > 0);
                assertThat(server.seqs()).as("batches the subscribed server received").isNotEmpty();
            } finally {
                gateway.close();
            }
        }
    }
}
