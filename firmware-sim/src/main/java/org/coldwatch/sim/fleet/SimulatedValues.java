package org.coldwatch.sim.fleet;

import java.util.SplittableRandom;
import org.coldwatch.protocol.ReadingKind;

/**
 * Plausible readings of one virtual gateway's cold room, as cheaply as possible: the load generator spends its CPU on
 * MQTT, not on physics (the physics simulator lives elsewhere in firmware-sim). Air temperature is near 2 °C with
 * ±0.3 K of noise, humidity near 92 %RH with ±1.5 %RH, each scale starts near 5,000 kg and loses 1.1 kg a day
 * (0.022 %/day, apples), and a door is open in about 1 % of readings. Values are rounded to 0.01, as a sensor driver
 * would. Deterministic for a seed; not thread-safe (one per gateway, used under its lock).
 */
final class SimulatedValues {
    private static final double START_KG = 5_000.0;
    private static final double LOSS_KG_PER_NANO = 1.1 / 86_400e9;

    private final SplittableRandom random;

    SimulatedValues(long seed, int gatewayIndex) {
        this.random = new SplittableRandom(seed * 1_000_003L + gatewayIndex);
    }

    /** A value for a sensor of {@code kind} measured {@code sinceStartNanos} after the run started. */
    double next(ReadingKind kind, int sensorIndex, long sinceStartNanos) {
        return switch (kind) {
            case TEMPERATURE -> round(2.0 + (sensorIndex % 2) * 0.4 + noise(0.3));
            case HUMIDITY -> round(Math.min(100.0, 92.0 + noise(1.5)));
            case WEIGHT -> round(START_KG + sensorIndex - LOSS_KG_PER_NANO * sinceStartNanos + noise(0.05));
            case DOOR -> random.nextInt(100) == 0 ? 1.0 : 0.0;
            case DOOR_OPEN_DURATION -> round(30.0 + random.nextDouble() * 150.0);
        };
    }

    private double noise(double amplitude) {
        return (random.nextDouble() * 2.0 - 1.0) * amplitude;
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
