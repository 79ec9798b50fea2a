package org.coldwatch.protocol.settings;

/**
 * A linear correction the gateway applies to one sensor's raw values before storing them:
 * {@code corrected = raw × scale + offset}, in the reading kind's unit. Comes from a technician's comparison against a
 * reference instrument.
 *
 * @param offset added after scaling, in the kind's unit
 * @param scale  multiplier, 0.5…2 (a larger correction means a broken sensor, not one to calibrate)
 */
public record Calibration(double offset, double scale) {

    /** Smallest accepted scale. */
    public static final double MIN_SCALE = 0.5;
    /** Largest accepted scale. */
    public static final double MAX_SCALE = 2.0;
    /** Largest accepted offset magnitude. */
    public static final double MAX_OFFSET = 100.0;

    /** No correction. */
    public static final Calibration NONE = new Calibration(0.0, 1.0);

    public Calibration {
        if (!Double.isFinite(offset) || Math.abs(offset) > MAX_OFFSET) {
            throw new IllegalArgumentException("offset: must be a number within ±" + MAX_OFFSET + ", was " + offset);
        }
        if (!Double.isFinite(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale: must be " + MIN_SCALE + "…" + MAX_SCALE + ", was " + scale);
        }
    }

    /** The corrected value. */
    public double apply(double raw) {
        return raw * scale + offset;
    }
}
