package org.coldwatch.gateway.health;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code health:} section of the gateway's config file (gateway/CONFIGURATION.md).
 *
 * @param intervalSeconds        time between two health reports
 * @param cpuTemperaturePath     the thermal zone file with millidegrees Celsius, as the Linux thermal sysfs
 *                               interface exposes it (kernel documentation, "Generic Thermal Sysfs driver How To",
 *                               {@code /sys/class/thermal/thermal_zone[0-*]/temp}); absent means "not reported"
 */
public record HealthSettings(long intervalSeconds, Path cpuTemperaturePath) {

    /** Every 60 s, SoC temperature from thermal zone 0 (the Raspberry Pi's only zone). */
    public static final HealthSettings DEFAULT = new HealthSettings(60,
            Path.of("/sys/class/thermal/thermal_zone0/temp"));

    /** {@link #intervalSeconds} as a duration. */
    public Duration interval() {
        return Duration.ofSeconds(intervalSeconds);
    }

    /** What is wrong, each as {@code health.key: problem}; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (intervalSeconds < 1 || intervalSeconds > 86_400) {
            problems.add("health.intervalSeconds: must be 1…86400, was " + intervalSeconds);
        }
        if (cpuTemperaturePath == null || cpuTemperaturePath.toString().isBlank()) {
            problems.add("health.cpuTemperaturePath: missing");
        }
        return problems;
    }
}
