package org.coldwatch.gateway.sensor;

/** Weighs what stands on a shelf or pallet through a load cell (role; e.g. {@code Hx711}). */
public interface LoadCell {

    /**
     * One weighing: several conversions averaged, tare subtracted, calibrated and drift-compensated.
     *
     * @throws SensorFault when the amplifier never gets ready (missing), the ADC is saturated (implausible) or
     *                     repeats itself (stuck)
     */
    double massKg() throws SensorFault;

    /**
     * Takes the current load as zero: the average of the next conversions becomes the offset.
     *
     * @return the new offset in ADC counts
     * @throws SensorFault as {@link #massKg()}
     */
    double tare() throws SensorFault;
}
