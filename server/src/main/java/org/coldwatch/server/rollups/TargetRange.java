package org.coldwatch.server.rollups;

/**
 * The values a room should stay within, inclusive at both ends, in the kind's unit.
 *
 * @param low  lowest value in range
 * @param high highest value in range
 */
public record TargetRange(double low, double high) {

    public TargetRange {
        if (!(low <= high)) {
            throw new IllegalArgumentException("target range: low " + low + " is above high " + high);
        }
    }

    /** Whether {@code value} lies within the range (ends included). */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
