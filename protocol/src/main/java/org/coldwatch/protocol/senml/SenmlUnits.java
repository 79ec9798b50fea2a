package org.coldwatch.protocol.senml;

import java.util.Optional;
import org.coldwatch.protocol.ReadingKind;

/**
 * The SenML unit symbols ColdWatch nodes use (RFC 8428 section 12.1, Table 6; case-sensitive) and the reading kinds
 * they map to where the mapping is unambiguous.
 */
public final class SenmlUnits {
    /** Degrees Celsius. */
    public static final String CELSIUS = "Cel";
    /** Relative humidity in percent. */
    public static final String RELATIVE_HUMIDITY = "%RH";
    /** Kilogram. */
    public static final String KILOGRAM = "kg";
    /** Volt. */
    public static final String VOLT = "V";
    /** A ratio, 0 … 1 (Table 6, Note 2: not a percentage). */
    public static final String RATIO = "/";

    private SenmlUnits() {
    }

    /**
     * The ColdWatch reading kind a unit stands for: Cel is temperature, %RH humidity, kg weight. Empty for every other
     * unit, also for V and / (node health, see {@link NodeQuantity}); a door has no SenML unit and is a boolean.
     */
    public static Optional<ReadingKind> readingKind(String unit) {
        return switch (unit) {
            case CELSIUS -> Optional.of(ReadingKind.TEMPERATURE);
            case RELATIVE_HUMIDITY -> Optional.of(ReadingKind.HUMIDITY);
            case KILOGRAM -> Optional.of(ReadingKind.WEIGHT);
            default -> Optional.empty();
        };
    }
}
