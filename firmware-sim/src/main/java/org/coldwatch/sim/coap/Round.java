package org.coldwatch.sim.coap;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * One measurement round of a node: what its sensors read at one moment of the node's clock.
 *
 * @param measuredAt     when, on the node's clock (for a clockless node: only used to compute ages)
 * @param celsius        temperature, °C
 * @param humidityPercent relative humidity, %
 * @param weightKg       load-cell weight, if the node has one
 */
record Round(Instant measuredAt, double celsius, double humidityPercent, OptionalDouble weightKg) {

    /** Reads every sensor once. */
    static Round measure(NodeSensors sensors, Instant now) {
        OptionalDouble weight = sensors.hasWeight() ? OptionalDouble.of(sensors.weightKg().getAsDouble())
                : OptionalDouble.empty();
        return new Round(now, sensors.temperatureCelsius().getAsDouble(), sensors.humidityPercent().getAsDouble(),
                weight);
    }
}
