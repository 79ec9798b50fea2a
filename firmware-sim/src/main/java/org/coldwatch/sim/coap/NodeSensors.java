package org.coldwatch.sim.coap;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Where a simulated node's measurements come from: suppliers asked once per measurement round, e.g. a simulated
 * room's air temperature. Called on the thread that triggers the round.
 *
 * @param temperatureCelsius air or product temperature, °C
 * @param humidityPercent    relative humidity, %
 * @param weightKg           load-cell weight, kg; {@code null} for a node without a load cell
 */
public record NodeSensors(DoubleSupplier temperatureCelsius, DoubleSupplier humidityPercent, DoubleSupplier weightKg) {

    public NodeSensors {
        Objects.requireNonNull(temperatureCelsius, "temperatureCelsius");
        Objects.requireNonNull(humidityPercent, "humidityPercent");
    }

    /** A temperature and humidity node. */
    public static NodeSensors of(DoubleSupplier temperatureCelsius, DoubleSupplier humidityPercent) {
        return new NodeSensors(temperatureCelsius, humidityPercent, null);
    }

    /** These sensors plus a load cell. */
    public NodeSensors withWeight(DoubleSupplier kilograms) {
        return new NodeSensors(temperatureCelsius, humidityPercent, Objects.requireNonNull(kilograms, "kilograms"));
    }

    /** Whether the node has a load cell. */
    public boolean hasWeight() {
        return weightKg != null;
    }
}
