package org.coldwatch.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
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
import picocli.CommandLine;

/**
 * One cold room on the simulated board for the CLI tests: SHT31 at bus 1 / 0x44, a DS18B20 under {@code w1/}, an
 * HX711 on GPIO 5/6, a door contact on GPIO 17, and a configuration file describing them.
 */
final class SimulatedRoom implements AutoCloseable {
    static final RomId CORE = RomId.ds18b20(0x00000A1B2C3DL);

    final DeviceFaults sht = new DeviceFaults();
    final DeviceFaults core = new DeviceFaults();
    final AtomicBoolean doorOpen = new AtomicBoolean(true);
    final Ds18b20Folder oneWire;
    final Path dir;

    SimulatedRoom(Path dir) {
        this.dir = dir;
        SimulatedHardware.reset();
        SimulatedHardware.attachI2c(1, 0x44, new Sht3xDevice(() -> 2.0 + Math.random() * 0.05, () -> 91.0,
                System::nanoTime, sht));
        SimulatedHardware.attachHx711(5, 6, new Hx711Device(() -> 480.0, new LoadCellModel(40_000, 209.7, 20),
                Hx711Rate.SPS_80, new SplittableRandom(1), System::nanoTime, new DeviceFaults())
                .powerDownAfter(Duration.ofMillis(50)));
        SimulatedHardware.attachDoor(17, new DoorContact(doorOpen::get, ContactBounce.NONE, new SplittableRandom(2),
                System::nanoTime, new DeviceFaults()));
        oneWire = new Ds18b20Folder(dir.resolve("w1"));
        oneWire.add(new Ds18b20Probe(CORE, () -> 1.25, core));
        oneWire.update();
    }

    /** A configuration with the room's four sensors and the given server. */
    Path config(String serverUri) throws IOException {
        return Files.writeString(dir.resolve("gateway.yaml"), """
                gateway:
                  id: gw-room-1
                  secret: s3cret
                uplink:
                  serverUri: %s
                outbox:
                  path: %s
                sensors:
                  - id: room1-air
                    kind: sht3x
                    address: 0x44
                  - id: room1-core
                    kind: ds18b20
                    romId: %s
                    root: %s
                  - id: room1-shelf
                    kind: hx711
                    clockPin: 5
                    dataPin: 6
                    samples: 3
                    tareOffsetCounts: 40000
                    kgPerCount: 0.0047687172
                  - id: room1-door
                    kind: door-contact
                    pin: 17
                """.formatted(serverUri, dir.resolve("outbox.db"), CORE.sysfsName(), dir.resolve("w1")));
    }

    /** Runs the CLI with captured output. */
    static Run execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GatewayCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** What one CLI invocation did. */
    record Run(int exitCode, String out, String err) {
    }

    @Override
    public void close() {
        oneWire.close();
        SimulatedHardware.reset();
    }
}
