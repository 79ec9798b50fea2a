package org.coldwatch.gateway.sensor;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.outbox.SqliteOutbox;
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

/**
 * What one read of each driver costs the sampler thread on firmware-sim's simulated bus (wall time includes the
 * datasheet waits; CPU time is the JVM's work), and what a door's 20 ms poller costs the process. Not a test:
 * run with the command in {@code docs/benchmarks.md}. Uses the real SQLite outbox only for the door's pushes.
 */
public final class SensorReadBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SensorReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reads = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path w1 = Files.createTempDirectory("coldwatch-bench-w1");
        SimulatedHardware.reset();
        SimulatedHardware.attachI2c(1, 0x44, new Sht3xDevice(() -> 2.0 + Math.random() * 0.1, () -> 91.0));
        SimulatedHardware.attachHx711(5, 6, new Hx711Device(() -> 480.0, new LoadCellModel(40_000, 209.7, 20),
                Hx711Rate.SPS_80, new SplittableRandom(1), System::nanoTime, new DeviceFaults())
                .powerDownAfter(Duration.ofMillis(50)));
        SimulatedHardware.attachDoor(17, new DoorContact(() -> false, ContactBounce.NONE, new SplittableRandom(2),
                System::nanoTime, new DeviceFaults()));
        RomId probe = RomId.ds18b20(0x00000A1B2C3DL);
        try (Ds18b20Folder folder = new Ds18b20Folder(w1);
             SensorContext ctx = SensorContext.auto(Clock.systemUTC());
             SqliteOutbox outbox = SqliteOutbox.open(w1.resolve("outbox.db"), "gw-bench", 500, Clock.systemUTC())) {
            folder.add(new Ds18b20Probe(probe, () -> 1.25));
            folder.update();
            List<SensorSpec> specs = List.of(
                    SensorSpec.of(0, "air", "sht3x", Map.of("stuckAfter", 0)),
                    SensorSpec.of(1, "core", "ds18b20", Map.of("romId", probe.sysfsName(), "root", w1.toString())),
                    SensorSpec.of(2, "shelf", "hx711", Map.of("clockPin", 5, "dataPin", 6, "kgPerCount", 0.0048,
                            "samples", 5)),
                    SensorSpec.of(3, "door", "door-contact", Map.of("pin", 17)));
            List<SensorSource> sources = SensorKinds.load().create(specs, ctx);
            System.out.printf("%-8s %-13s %12s %12s%n", "sensor", "kind", "wall ms/read", "CPU ms/read");
            for (int i = 0; i < 3; i++) {
                SensorSource source = sources.get(i);
                for (int warm = 0; warm < reads / 4; warm++) {
                    source.read(Instant.now());
                }
                long cpu = THREADS.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                for (int r = 0; r < reads; r++) {
                    source.read(Instant.now());
                }
                System.out.printf(Locale.ROOT, "%-8s %-13s %12.3f %12.3f%n", specs.get(i).id(), specs.get(i).kind(),
                        (System.nanoTime() - wall) / 1e6 / reads,
                        (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / reads);
            }
            SensorSource door = sources.get(3);
            door.start(new ReadingIntake(outbox));
            long poller = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("coldwatch-door-door")).findFirst().orElseThrow().getId();
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = THREADS.getThreadCpuTime(poller);
            long process = os.getProcessCpuTime();
            long wall = System.nanoTime();
            Thread.sleep(10_000);
            long elapsed = System.nanoTime() - wall;
            System.out.printf(Locale.ROOT, "door poller thread (20 ms): %.3f %% of one core over 10 s;"
                    + " whole process meanwhile %.3f %% (incl. firmware-sim's 1 ms edge watcher)%n",
                    100.0 * (THREADS.getThreadCpuTime(poller) - cpu) / elapsed,
                    100.0 * (os.getProcessCpuTime() - process) / elapsed);
            door.close();
        } finally {
            SimulatedHardware.reset();
        }
    }
}
