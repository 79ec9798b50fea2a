package org.coldwatch.gateway.health;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the SoC temperature from a Linux thermal zone file, which holds millidegrees Celsius as one integer line
 * (kernel documentation, "Generic Thermal Sysfs driver How To": {@code temp} — "Current temperature as reported by
 * thermal zone (sensor)", unit millidegree Celsius).
 */
public final class CpuTemperature {
    private final Path file;

    /** @param file e.g. {@code /sys/class/thermal/thermal_zone0/temp} */
    public CpuTemperature(Path file) {
        this.file = file;
    }

    /** The temperature in °C; empty if the file is missing, unreadable or not a number. */
    public Optional<Double> celsius() {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return Optional.of(Long.parseLong(text) / 1000.0);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
