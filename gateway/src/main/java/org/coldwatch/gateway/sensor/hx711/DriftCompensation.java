package org.coldwatch.gateway.sensor.hx711;

/**
 * Corrects a load cell's temperature drift (zero and span both move with temperature; a cold room swings by several
 * kelvin through a defrost cycle). The hook for a model fitted per room, e.g. from the air probe next to the cell;
 * the default does nothing.
 */
@FunctionalInterface
public interface DriftCompensation {

    /** No correction. */
    DriftCompensation NONE = massKg -> massKg;

    /**
     * @param massKg the calibrated, tared mass
     * @return the mass corrected for the cell's temperature now
     */
    double compensatedKg(double massKg);
}
