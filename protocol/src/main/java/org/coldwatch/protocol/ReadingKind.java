package org.coldwatch.protocol;

import java.util.Optional;

/**
 * What a reading measures, with the one unit it must carry on the wire and the range of values a working sensor
 * can report. Unit names follow SenML (RFC 8428, section 12.1) where SenML has one.
 *
 * <p>The ranges are plausibility limits of the wire contract, not storage targets: a value outside them cannot come
 * from a working sensor in a cold store and is refused. Room targets and alarms live elsewhere.
 */
public enum ReadingKind {
    /** Air or product temperature in degrees Celsius; −60…80 °C covers freezers to a probe in the sun. */
    TEMPERATURE("temperature", "Cel", -60.0, 80.0),
    /** Relative humidity in percent. */
    HUMIDITY("humidity", "%RH", 0.0, 100.0),
    /** Weight on a load cell in kilograms; slightly negative values happen after tare drift. */
    WEIGHT("weight", "kg", -1_000.0, 1_000_000.0),
    /** Door contact: 1 = open, 0 = closed. */
    DOOR("door", "state", 0.0, 1.0),
    /** How long a door stood open, in seconds, reported when it closes; up to one week (604,800 s). */
    DOOR_OPEN_DURATION("door-open-duration", "s", 0.0, 604_800.0);

    private final String wireName;
    private final String unit;
    private final double min;
    private final double max;

    ReadingKind(String wireName, String unit, double min, double max) {
        this.wireName = wireName;
        this.unit = unit;
        this.min = min;
        this.max = max;
    }

    /** The name used on the wire, e.g. {@code temperature}. */
    public String wireName() {
        return wireName;
    }

    /** The only unit accepted for this kind, e.g. {@code Cel}. */
    public String unit() {
        return unit;
    }

    /** Smallest plausible value, inclusive. */
    public double min() {
        return min;
    }

    /** Largest plausible value, inclusive. */
    public double max() {
        return max;
    }

    /** Whether {@code value} lies within this kind's plausible range (a door is exactly 0 or 1). */
    public boolean isPlausible(double value) {
        if (this == DOOR) {
            return value == 0.0 || value == 1.0;
        }
        return value >= min && value <= max;
    }

    /** The kind with this wire name, if any. */
    public static Optional<ReadingKind> fromWireName(String name) {
        for (ReadingKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
