package org.coldwatch.protocol.senml;

import java.util.Optional;
import org.coldwatch.protocol.ReadingKind;

/**
 * What a ColdWatch wireless node may report: the last segment of a record's name {@code <nodeId>/<quantity>}, with
 * the one unit and value type it must carry. Measurements become {@link org.coldwatch.protocol.Reading}s; battery
 * quantities are node health ({@link NodeHealth}) and never enter the telemetry.
 */
public enum NodeQuantity {
    /** Air or product temperature, a number in Cel. */
    TEMPERATURE("temperature", SenmlUnits.CELSIUS, ReadingKind.TEMPERATURE, 0, 0),
    /** Relative humidity, a number in %RH. */
    HUMIDITY("humidity", SenmlUnits.RELATIVE_HUMIDITY, ReadingKind.HUMIDITY, 0, 0),
    /** Load cell, a number in kg. */
    WEIGHT("weight", SenmlUnits.KILOGRAM, ReadingKind.WEIGHT, 0, 0),
    /** Door contact, a boolean ({@code vb}, true = open) without unit; becomes a door reading of 1 or 0. */
    DOOR("door", "", ReadingKind.DOOR, 0, 0),
    /** Battery voltage, a number in V; 0 … 10 V covers one- and two-cell nodes. */
    BATTERY("battery", SenmlUnits.VOLT, null, 0.0, 10.0),
    /** Remaining battery charge as a ratio 0 … 1 (unit "/", RFC 8428 section 12.1 Note 2). */
    BATTERY_LEVEL("battery-level", SenmlUnits.RATIO, null, 0.0, 1.0);

    private final String senmlName;
    private final String unit;
    private final ReadingKind kind;
    private final double healthMin;
    private final double healthMax;

    NodeQuantity(String senmlName, String unit, ReadingKind kind, double healthMin, double healthMax) {
        this.senmlName = senmlName;
        this.unit = unit;
        this.kind = kind;
        this.healthMin = healthMin;
        this.healthMax = healthMax;
    }

    /** The name segment, e.g. {@code temperature}. */
    public String senmlName() {
        return senmlName;
    }

    /** The only unit accepted, e.g. {@code Cel}; empty for the door. */
    public String unit() {
        return unit;
    }

    /** The reading kind of a measurement; empty for node health. */
    public Optional<ReadingKind> readingKind() {
        return Optional.ofNullable(kind);
    }

    /** Whether the value is a boolean ({@code vb}) rather than a number ({@code v}). */
    public boolean isBoolean() {
        return this == DOOR;
    }

    /** Whether {@code value} is plausible: the reading kind's range, or the health quantity's. */
    public boolean isPlausible(double value) {
        return kind != null ? kind.isPlausible(value) : value >= healthMin && value <= healthMax;
    }

    /** The plausible range for messages, e.g. {@code -60.0…80.0}. */
    String range() {
        return kind != null ? kind.min() + "…" + kind.max() : healthMin + "…" + healthMax;
    }

    /** The quantity with this name segment, if any. */
    public static Optional<NodeQuantity> ofSenmlName(String name) {
        for (NodeQuantity quantity : values()) {
            if (quantity.senmlName.equals(name)) {
                return Optional.of(quantity);
            }
        }
        return Optional.empty();
    }

    static String known() {
        StringBuilder names = new StringBuilder();
        for (NodeQuantity q : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(q.senmlName);
        }
        return names.toString();
    }
}
