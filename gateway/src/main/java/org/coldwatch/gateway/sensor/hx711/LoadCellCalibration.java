package org.coldwatch.gateway.sensor.hx711;

/**
 * How ADC counts become kilograms: {@code kg = (counts − offsetCounts) · kgPerCount}. The offset is the tare (counts
 * with an empty platform); the factor comes from weighing a known mass: {@code kgPerCount = knownKg / (counts −
 * offsetCounts)}.
 *
 * @param offsetCounts counts at zero load
 * @param kgPerCount   kilograms per count at the selected gain; negative for a cell mounted the other way round
 */
public record LoadCellCalibration(double offsetCounts, double kgPerCount) {

    /** Validates the factor. */
    public LoadCellCalibration {
        if (!Double.isFinite(offsetCounts) || !Double.isFinite(kgPerCount) || kgPerCount == 0) {
            throw new IllegalArgumentException("offsetCounts must be finite and kgPerCount finite and non-zero");
        }
    }

    /** Kilograms for an averaged count. */
    public double massKg(double counts) {
        return (counts - offsetCounts) * kgPerCount;
    }

    /** The same factor with a new tare offset. */
    public LoadCellCalibration withOffset(double counts) {
        return new LoadCellCalibration(counts, kgPerCount);
    }
}
