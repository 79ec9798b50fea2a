package org.coldwatch.sim.hardware;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.devices.DoorContact;
import org.coldwatch.sim.devices.Hx711Device;
import org.coldwatch.sim.devices.LoadCellModel;
import org.coldwatch.sim.devices.Sht3xDevice;
import org.coldwatch.sim.onewire.Ds18b20Folder;
import org.coldwatch.sim.onewire.Ds18b20Probe;
import org.coldwatch.sim.onewire.RomId;
import org.coldwatch.sim.pi4j.SimulatedHardware;
import org.coldwatch.sim.scenario.LiveSimulation;
import org.coldwatch.sim.scenario.ScenarioLoader;
import org.coldwatch.sim.scenario.SensorSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a running scenario's sensors where hardware would be: each {@code sht3x} on its I2C bus and address, each
 * {@code hx711} on its clock and data pins, each {@code door-contact} on its pin (all through {@link
 * SimulatedHardware}, which the Pi4J plugin serves), and each {@code ds18b20} as a w1 sysfs folder. The gateway's real
 * drivers then read the simulated room unchanged.
 *
 * <p>A gateway started in its own JVM with firmware-sim on the class path wires itself from system properties when
 * Pi4J loads the plugin ({@link #fromSystemProperties()}): {@code coldwatch.sim.scenario} (a built-in name or a YAML
 * file), {@code coldwatch.sim.speed} (default 1), {@code coldwatch.sim.onewire} (the folder the gateway's 1-Wire
 * setting points at).
 */
public final class ScenarioHardware implements AutoCloseable {
    /**
     * The load cell every simulated HX711 sees: four 5 t cells of 2 mV/V under a 20 t floor scale, excited at 5 V,
     * give 10 mV at full load; at gain 128 the HX711's ±20 mV input span is 2²³ counts (HX711 datasheet, "Analog
     * inputs"), so 10 mV is 4,194,304 counts and one kilogram about 210; an unloaded offset of 40,000 counts. A
     * gateway's calibration (tare, factor) finds these.
     */
    public static final LoadCellModel LOAD_CELL = new LoadCellModel(40_000, 209.7, 0);
    /** PD_SCK high this long powers a scenario's HX711 down (relaxed from 60 µs, see {@link #attach(SensorSpec)}). */
    public static final Duration HX711_POWER_DOWN = Duration.ofMillis(50);
    /** How often the 1-Wire files are rewritten (the kernel re-reads a DS18B20 on every read; 1 s is plenty). */
    public static final Duration ONE_WIRE_REFRESH = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioHardware.class);

    private final LiveSimulation room;
    private final Ds18b20Folder oneWire;
    private final List<String> attached = new ArrayList<>();

    private ScenarioHardware(LiveSimulation room, Ds18b20Folder oneWire) {
        this.room = room;
        this.oneWire = oneWire;
    }

    /**
     * Attaches every sensor of the running scenario.
     *
     * @param room        the running scenario
     * @param oneWireRoot where to write DS18B20 files, or {@code null} if the scenario has none to write
     */
    public static ScenarioHardware attach(LiveSimulation room, Path oneWireRoot) {
        Ds18b20Folder folder = oneWireRoot == null ? null : new Ds18b20Folder(oneWireRoot);
        ScenarioHardware hardware = new ScenarioHardware(room, folder);
        for (SensorSpec sensor : room.scenario().sensors()) {
            hardware.attach(sensor);
        }
        if (folder != null) {
            folder.update();
            folder.startUpdating(ONE_WIRE_REFRESH);
        }
        LOG.info("firmware-sim hardware: scenario={} attached={}", room.scenario().name(), hardware.attached);
        return hardware;
    }

    /**
     * Wires the scenario named by the system properties, if {@code coldwatch.sim.scenario} is set; called by the Pi4J
     * plugin when it loads.
     *
     * @return the wiring, or {@code null} when the property is absent
     */
    public static synchronized ScenarioHardware fromSystemProperties() {
        String scenario = System.getProperty("coldwatch.sim.scenario");
        if (scenario == null || scenario.isBlank()) {
            return null;
        }
        double speed = Double.parseDouble(System.getProperty("coldwatch.sim.speed", "1"));
        String oneWire = System.getProperty("coldwatch.sim.onewire");
        Clock wall = Clock.systemUTC();
        LiveSimulation room = new LiveSimulation(ScenarioLoader.load(scenario), wall.instant(), speed, wall);
        return attach(room, oneWire == null ? null : Path.of(oneWire));
    }

    private void attach(SensorSpec sensor) {
        String id = sensor.id();
        switch (sensor.type()) {
            case "sht3x" -> {
                int bus = sensor.i2cBus() == null ? 1 : sensor.i2cBus();
                int address = sensor.i2cAddress() == null ? Sht3xDevice.ADDRESS_ADDR_LOW : sensor.i2cAddress();
                SimulatedHardware.attachI2c(bus, address, new Sht3xDevice(value(id, ReadingKind.TEMPERATURE),
                        value(id, ReadingKind.HUMIDITY)));
                attached.add(id + "@i2c-" + bus + ":0x" + Integer.toHexString(address));
            }
            case "hx711" -> {
                require(sensor.clockPin() != null && sensor.dataPin() != null, id, "clockPin and dataPin");
                // The datasheet's 60 µs power-down threshold stays in the device's own tests; a JVM bit-banging on a
                // busy machine (JIT, GC, the room model catching up at the first latch) cannot hold it.
                SimulatedHardware.attachHx711(sensor.clockPin(), sensor.dataPin(),
                        new Hx711Device(value(id, ReadingKind.WEIGHT), LOAD_CELL).powerDownAfter(HX711_POWER_DOWN));
                attached.add(id + "@gpio" + sensor.clockPin() + "/" + sensor.dataPin());
            }
            case "door-contact" -> {
                require(sensor.pin() != null, id, "pin");
                DoubleSupplier state = value(id, ReadingKind.DOOR);
                SimulatedHardware.attachDoor(sensor.pin(), new DoorContact(() -> state.getAsDouble() >= 0.5));
                attached.add(id + "@gpio" + sensor.pin());
            }
            case "ds18b20" -> {
                if (oneWire != null) {
                    require(sensor.oneWireId() != null, id, "oneWireId");
                    oneWire.add(new Ds18b20Probe(romId(sensor.oneWireId()), value(id, ReadingKind.TEMPERATURE)));
                    attached.add(id + "@w1:" + sensor.oneWireId());
                }
            }
            default -> {
                // coap-node sensors are radio nodes, not wired hardware: see org.coldwatch.sim.coap
            }
        }
    }

    /**
     * The channel's current reading; during a dropout the last one (a device keeps its last conversion; a dropout
     * of the physical sensor is a device fault, switched on the device itself).
     */
    private DoubleSupplier value(String sensorId, ReadingKind kind) {
        double[] last = {Double.NaN};
        return () -> {
            OptionalDouble now = room.value(sensorId, kind);
            if (now.isPresent()) {
                last[0] = now.getAsDouble();
            }
            return Double.isNaN(last[0]) ? room.inspect(s -> s.channel(sensorId, kind).truth(s.room())) : last[0];
        };
    }

    /** Parses a sysfs name such as {@code 28-00000a1b2c01} into the ROM id of a DS18B20. */
    public static RomId romId(String sysfsName) {
        if (!sysfsName.matches("28-[0-9a-fA-F]{12}")) {
            throw new IllegalArgumentException("oneWireId '" + sysfsName + "' must look like 28-00000a1b2c01");
        }
        return RomId.ds18b20(Long.parseLong(sysfsName.substring(3), 16));
    }

    private static void require(boolean ok, String sensor, String what) {
        if (!ok) {
            throw new IllegalArgumentException("sensor '" + sensor + "' needs " + what + " to be wired");
        }
    }

    /** The 1-Wire folder, or {@code null}. */
    public Ds18b20Folder oneWire() {
        return oneWire;
    }

    /** The running scenario. */
    public LiveSimulation room() {
        return room;
    }

    /** Unplugs everything: resets the simulated board and stops rewriting the 1-Wire files. */
    @Override
    public void close() {
        SimulatedHardware.reset();
        if (oneWire != null) {
            oneWire.close();
        }
    }
}
