package org.coldwatch.gateway.cli;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.sensor.Pause;
import org.coldwatch.gateway.sensor.Pi4jHandles;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorFault;
import org.coldwatch.gateway.sensor.hx711.Hx711;
import org.coldwatch.gateway.sensor.hx711.Hx711Kind;
import org.coldwatch.gateway.sensor.onewire.Ds18b20;
import org.coldwatch.gateway.sensor.sht3x.Sht3x;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scan}: what is wired, without the configuration having to be right. Lists the I2C addresses that answer on
 * each bus (0x03–0x77, a one-byte read like {@code i2cdetect -r}; 0x44/0x45 identified as SHT3x when their status
 * word arrives with a valid CRC), the 1-Wire slaves under the root (family 28 read as DS18B20), and the level of each
 * configured or given GPIO input, and the raw counts of each configured HX711 (for tare and calibration).
 */
@Command(name = "scan", description = "List I2C addresses, 1-Wire ids and GPIO levels; what is wired and how it looks.")
final class ScanCommand implements Callable<Integer> {
    /** First and last 7-bit addresses that are not reserved (NXP UM10204, Table 4). */
    static final int FIRST_ADDRESS = 0x03;
    static final int LAST_ADDRESS = 0x77;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration: scan its buses, 1-Wire roots and pins")
    Path config;

    @Option(names = "--bus", paramLabel = "N",
            description = "I2C bus to scan (repeatable; default: configured, else 1)")
    List<Integer> buses = new ArrayList<>();

    @Option(names = "--one-wire-root", paramLabel = "DIR",
            description = "1-Wire sysfs folder (default: configured, else /sys/bus/w1/devices)")
    Path oneWireRoot;

    @Option(names = "--gpio", paramLabel = "BCM", description = "extra GPIO input to read (repeatable)")
    List<Integer> gpios = new ArrayList<>();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<SensorSpec> sensors = config == null ? List.of() : GatewayConfig.load(config).sensors();
        PrintWriter out = spec.commandLine().getOut();
        try (SensorContext ctx = SensorContext.auto(Clock.systemUTC())) {
            for (int bus : buses(sensors)) {
                scanI2c(ctx.pi4j(), bus, out);
            }
            for (Path root : roots(sensors)) {
                scanOneWire(root, out);
            }
            scanGpio(ctx, sensors, out);
            scanLoadCells(ctx, sensors, out);
        }
        out.flush();
        return 0;
    }

    private TreeSet<Integer> buses(List<SensorSpec> sensors) {
        TreeSet<Integer> result = new TreeSet<>(buses);
        if (result.isEmpty()) {
            sensors.stream().filter(s -> s.kind().equals("sht3x"))
                    .forEach(s -> result.add(intParam(s, "bus", 1)));
        }
        if (result.isEmpty()) {
            result.add(1);
        }
        return result;
    }

    private List<Path> roots(List<SensorSpec> sensors) {
        if (oneWireRoot != null) {
            return List.of(oneWireRoot);
        }
        List<Path> result = sensors.stream().filter(s -> s.kind().equals("ds18b20"))
                .map(s -> Path.of(String.valueOf(s.params().getOrDefault("root", Ds18b20.DEFAULT_ROOT.toString()))))
                .distinct().toList();
        return result.isEmpty() ? List.of(Ds18b20.DEFAULT_ROOT) : result;
    }

    private static int intParam(SensorSpec s, String name, int fallback) {
        Object value = s.params().get(name);
        return value instanceof Number n ? n.intValue() : fallback;
    }

    private static void scanI2c(Context pi4j, int bus, PrintWriter out) {
        out.printf("I2C bus %d:%n", bus);
        int found = 0;
        for (int address = FIRST_ADDRESS; address <= LAST_ADDRESS; address++) {
            String id = "scan-i2c-" + bus + "-" + address;
            I2C i2c;
            try {
                i2c = Pi4jHandles.i2c(pi4j, id, bus, address);
            } catch (RuntimeException e) {
                out.printf("  not available: %s (on a Pi: enable I2C with raspi-config)%n", e.getMessage());
                return;
            }
            try {
                String what = identify(i2c, address);
                if (what != null) {
                    out.printf("  0x%02x  %s%n", address, what);
                    found++;
                }
            } finally {
                pi4j.shutdown(id);
            }
        }
        if (found == 0) {
            out.println("  no device answered");
        }
    }

    /** What answers at {@code address}, or null if nothing does. */
    private static String identify(I2C i2c, int address) {
        if (address == 0x44 || address == 0x45) {
            try {
                int status = new Sht3x(i2c, "scan", 0, Pause.sleeping()).status();
                return String.format("SHT3x (status 0x%04x, CRC ok)", status);
            } catch (SensorFault f) {
                if (f.getCause() == null) {
                    return "answers, but not like an SHT3x: " + f.getMessage();
                }
            }
        }
        try {
            i2c.read();
            return "answers (unknown device)";
        } catch (Pi4JException e) {
            return null;
        }
    }

    private static void scanOneWire(Path root, PrintWriter out) {
        out.printf("1-Wire %s:%n", root);
        List<Path> slaves;
        try (Stream<Path> entries = Files.list(root)) {
            slaves = entries.filter(p -> Ds18b20.SLAVE_NAME.matcher(p.getFileName().toString()).matches()).sorted()
                    .toList();
        } catch (IOException e) {
            out.printf("  cannot list: %s (1-Wire enabled? dtoverlay=w1-gpio)%n", e.getMessage());
            return;
        }
        if (slaves.isEmpty()) {
            out.println("  no slave found");
        }
        for (Path slave : slaves) {
            String name = slave.getFileName().toString();
            if (!name.startsWith(Ds18b20.FAMILY + "-")) {
                out.printf("  %s  family %s (not a DS18B20)%n", name, name.substring(0, 2));
                continue;
            }
            try {
                out.printf("  %s  DS18B20  %.3f °C%n", name, new Ds18b20(root, name).celsius());
            } catch (SensorFault f) {
                out.printf("  %s  DS18B20  %s: %s%n", name, f.state(), f.getMessage());
            }
        }
    }

    private void scanGpio(SensorContext ctx, List<SensorSpec> sensors, PrintWriter out) {
        Map<Integer, String> inputs = new LinkedHashMap<>();
        Map<Integer, PullResistance> pulls = new LinkedHashMap<>();
        Map<Integer, String> outputs = new LinkedHashMap<>();
        for (SensorSpec s : sensors) {
            switch (s.kind()) {
                case "door-contact" -> {
                    inputs.put(intParam(s, "pin", -1), "door-contact " + s.id());
                    pulls.put(intParam(s, "pin", -1), switch (String.valueOf(s.params().get("pull"))) {
                        case "down" -> PullResistance.PULL_DOWN;
                        case "off" -> PullResistance.OFF;
                        default -> PullResistance.PULL_UP;
                    });
                }
                case "hx711" -> {
                    inputs.put(intParam(s, "dataPin", -1), "hx711 " + s.id() + " DOUT (low = conversion ready)");
                    outputs.put(intParam(s, "clockPin", -1), "hx711 " + s.id() + " PD_SCK, output: see below");
                }
                default -> {
                }
            }
        }
        gpios.forEach(pin -> inputs.putIfAbsent(pin, "given on the command line"));
        inputs.remove(-1);
        outputs.remove(-1);
        if (inputs.isEmpty() && outputs.isEmpty()) {
            return;
        }
        out.println("GPIO (BCM):");
        Context pi4j = ctx.pi4j();
        for (Map.Entry<Integer, String> input : inputs.entrySet()) {
            String id = "scan-gpio-" + input.getKey();
            DigitalInput pin;
            try {
                pin = Pi4jHandles.input(pi4j, id, input.getKey(), pulls.getOrDefault(input.getKey(),
                        PullResistance.OFF));
            } catch (RuntimeException e) {
                out.printf("  %2d  ?     %s: not available: %s%n", input.getKey(), input.getValue(), e.getMessage());
                continue;
            }
            try {
                out.printf("  %2d  %-4s  %s%n", input.getKey(), pin.isHigh() ? "HIGH" : "LOW", input.getValue());
            } finally {
                pi4j.shutdown(id);
            }
        }
        outputs.forEach((pin, what) -> out.printf("  %2d  -     %s%n", pin, what));
    }

    /** Raw counts of each configured HX711, for working out its tare offset and calibration factor. */
    private static void scanLoadCells(SensorContext ctx, List<SensorSpec> sensors, PrintWriter out) {
        List<SensorSpec> cells = sensors.stream().filter(s -> s.kind().equals(Hx711Kind.NAME)).toList();
        if (cells.isEmpty()) {
            return;
        }
        out.println("HX711 (raw counts; tareOffsetCounts = counts when empty,"
                + " kgPerCount = known kg / (counts - tareOffsetCounts)):");
        for (SensorSpec cell : cells) {
            try {
                Hx711 driver = Hx711Kind.driver(cell, ctx);
                double counts = driver.averageCounts();
                out.printf(Locale.ROOT, "  %s  %.0f counts = %.3f kg with the configured calibration%n", cell.id(),
                        counts, driver.calibration().massKg(counts));
            } catch (SensorFault f) {
                out.printf("  %s  %s: %s%n", cell.id(), f.state(), f.getMessage());
            } catch (RuntimeException e) {
                out.printf("  %s  GPIO not available: %s%n", cell.id(), e.getMessage());
            }
        }
    }
}
