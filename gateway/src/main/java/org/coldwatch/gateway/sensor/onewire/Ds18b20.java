package org.coldwatch.gateway.sensor.onewire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.coldwatch.gateway.sensor.SensorFault;
import org.coldwatch.gateway.sensor.SensorState;
import org.coldwatch.gateway.sensor.TemperatureProbe;

/**
 * A Maxim DS18B20 probe read through the Linux 1-Wire sysfs interface: {@code <root>/<28-xxxxxxxxxxxx>/w1_slave}
 * (root {@code /sys/bus/w1/devices} on a Raspberry Pi with {@code dtoverlay=w1-gpio}). Each read makes the kernel run
 * one conversion (up to 750 ms at 12 bits, datasheet t_CONV) on the calling thread. A missing folder means the probe
 * has dropped off the bus; see {@link W1Slave} for what else is rejected.
 */
public final class Ds18b20 implements TemperatureProbe {
    /** Linux {@code w1_attach_slave_device}: {@code "%02x-%012llx"} of family and serial. */
    public static final Pattern SLAVE_NAME = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{12}");
    /** DS18B20 datasheet, "64-bit Lasered ROM Code": family code 28h. */
    public static final String FAMILY = "28";
    /** Where Linux lists 1-Wire slaves. */
    public static final Path DEFAULT_ROOT = Path.of("/sys/bus/w1/devices");

    private final Path file;

    /**
     * @param root   the folder standing for {@code /sys/bus/w1/devices}
     * @param romId  the slave's folder name, e.g. {@code 28-0316a2795fff}
     */
    public Ds18b20(Path root, String romId) {
        this.file = Objects.requireNonNull(root, "root").resolve(romId).resolve("w1_slave");
    }

    /** The file this probe is read from. */
    public Path file() {
        return file;
    }

    @Override
    public double celsius() throws SensorFault {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new SensorFault(SensorState.MISSING, file + " does not exist: the probe is not on the bus");
        } catch (IOException e) {
            throw new SensorFault(SensorState.MISSING, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return W1Slave.celsius(text);
    }
}
