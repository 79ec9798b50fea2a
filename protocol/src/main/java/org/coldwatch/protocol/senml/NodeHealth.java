package org.coldwatch.protocol.senml;

import java.time.Instant;
import java.util.Objects;

/**
 * A node's report about itself (battery voltage or remaining charge), kept apart from the cold-room readings and
 * with its SenML unit.
 *
 * @param nodeId     the reporting node
 * @param quantity   {@link NodeQuantity#BATTERY} or {@link NodeQuantity#BATTERY_LEVEL}
 * @param value      the value in {@code unit}
 * @param unit       the SenML unit, {@code V} or {@code /}
 * @param measuredAt when the node measured it (resolved SenML time)
 */
public record NodeHealth(String nodeId, NodeQuantity quantity, double value, String unit, Instant measuredAt) {

    public NodeHealth {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(measuredAt, "measuredAt");
    }

    /** A health value in the quantity's unit. */
    public static NodeHealth of(String nodeId, NodeQuantity quantity, double value, Instant measuredAt) {
        return new NodeHealth(nodeId, quantity, value, quantity.unit(), measuredAt);
    }
}
