package org.coldwatch.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorHealth;
import org.coldwatch.gateway.sensor.SensorState;
import org.coldwatch.gateway.uplink.TelemetryRecorder;
import org.coldwatch.protocol.testing.MosquittoBroker;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.devices.ContactBounce;
import org.coldwatch.sim.devices.DeviceFaults;
import org.coldwatch.sim.devices.DoorContact;
import org.coldwatch.sim.devices.Hx711Device;
import org.coldwatch.sim.devices.Hx711Rate;
import org.coldwatch.sim.devices.LoadCellModel;
import org.coldwatch.sim.devices.Sht3xDevice;
import org.coldwatch.sim.onewire.Ds18b20Folder;
import org.coldwatch.sim.onewire.Ds18b20Probe;
import org.coldwatch.sim.onewire.RomId;
import org.coldwatch.sim.pi4j.SimulatedHardware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One simulated cold room wired like the sample configuration's example (SHT31, DS18B20 probe, HX711 shelf, door),
 * read by a real gateway built from its {@code sensors:} list, sending to a real Mosquitto.
 */
class GatewaySensorsIT {
    private static final RomId CORE = RomId.ds18b20(0x00000A1B2C3DL);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final DeviceFaults shtFaults = new DeviceFaults();
    private final AtomicBoolean doorOpen = new AtomicBoolean(false);
    private Ds18b20Folder oneWire;

    @BeforeEach
    void wireTheRoom() {
        SimulatedHardware.reset();
        SimulatedHardware.attachI2c(1, 0x44, new Sht3xDevice(() -> 2.0 + Math.random() * 0.1, () -> 91.0,
                System::nanoTime, shtFaults));
        SimulatedHardware.attachHx711(5, 6, new Hx711Device(() -> 480.0, new LoadCellModel(40_000, 209.7, 20),
                Hx711Rate.SPS_80, new SplittableRandom(1), System::nanoTime, new DeviceFaults())
                .powerDownAfter(Duration.ofMillis(50)));
        SimulatedHardware.attachDoor(17, new DoorContact(doorOpen::get, ContactBounce.typical(),
                new SplittableRandom(2), System::nanoTime, new DeviceFaults()));
        oneWire = new Ds18b20Folder(dir.resolve("w1"));
        oneWire.add(new Ds18b20Probe(CORE, () -> 1.25));
        oneWire.update();
    }

    @AfterEach
    void unwire() {
        oneWire.close();
        SimulatedHardware.reset();
    }

    private GatewayConfig config(MosquittoBroker broker) {
        return GatewayConfig.builder("gw-room-1", "it-secret").serverUri(broker.uri())
                .outboxPath(dir.resolve("outbox.db")).samplingIntervalMillis(200).backoffInitialMillis(100)
                .backoffMaxMillis(1_000)
                .sensors(List.of(
                        SensorSpec.of(0, "room1-air", "sht3x", Map.of("address", "0x44", "stuckAfter", 0)),
                        SensorSpec.of(1, "room1-core", "ds18b20", Map.of("romId", CORE.sysfsName(),
                                "root", dir.resolve("w1").toString())),
                        SensorSpec.of(2, "room1-shelf", "hx711", Map.of("clockPin", 5, "dataPin", 6,
                                "tareOffsetCounts", 40_000, "kgPerCount", 1 / 209.7, "samples", 3)),
                        SensorSpec.of(3, "room1-door", "door-contact", Map.of("pin", 17))))
                .build();
    }

    private static boolean has(List<Reading> seen, String sensor, ReadingKind kind) {
        return seen.stream().anyMatch(r -> r.sensorId().equals(sensor) && r.kind() == kind);
    }

    private static SensorState state(Gateway gateway, String id) {
        return gateway.sensorHealth().stream().filter(h -> h.id().equals(id)).map(SensorHealth::state)
                .findFirst().orElseThrow();
    }

    @Test
    void readsEveryKindOfSensorAndSendsTheReadings() throws Exception {
        List<Reading> seen = new CopyOnWriteArrayList<>();
        Clock clock = Clock.systemUTC();
        try (MosquittoBroker broker = MosquittoBroker.start();
             TelemetryRecorder server = TelemetryRecorder.subscribe(broker.uri(), "gw-room-1");
             SensorContext sensors = SensorContext.auto(clock)) {
            GatewayConfig config = config(broker);
            Gateway gateway = Gateway.start(config, Gateway.sourcesFrom(config, sensors), clock);
            try {
                gateway.intake().addObserver(seen::addAll);
                await().atMost(PATIENCE).until(() -> has(seen, "room1-air", ReadingKind.TEMPERATURE)
                        && has(seen, "room1-air", ReadingKind.HUMIDITY)
                        && has(seen, "room1-core", ReadingKind.TEMPERATURE)
                        && has(seen, "room1-shelf", ReadingKind.WEIGHT));
                assertThat(gateway.sensorHealth()).extracting(SensorHealth::id)
                        .containsExactly("room1-air", "room1-core", "room1-shelf", "room1-door");
                assertThat(gateway.sensorHealth()).allSatisfy(h -> assertThat(h.state()).isEqualTo(SensorState.OK));
                assertThat(seen.stream().filter(r -> r.kind() == ReadingKind.WEIGHT).findFirst().orElseThrow()
                        .value()).isBetween(479.0, 481.0);

                doorOpen.set(true);
                await().atMost(PATIENCE).until(() -> seen.stream()
                        .anyMatch(r -> r.kind() == ReadingKind.DOOR && r.value() == 1.0));
                shtFaults.missing(true);
                await().atMost(PATIENCE).until(() -> state(gateway, "room1-air") == SensorState.MISSING);
                assertThat(state(gateway, "room1-core")).isEqualTo(SensorState.OK);
                await().atMost(PATIENCE).until(() -> gateway.uplinkStats().acknowledged() > 0);
                assertThat(server.seqs()).as("batches the subscribed server received").isNotEmpty();
            } finally {
                gateway.close();
            }
        }
    }
}
