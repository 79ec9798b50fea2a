package org.coldwatch.gateway.sensor;

/** Measures the temperature at one point: air, product core, near the door (role; e.g. {@code Ds18b20}). */
public interface TemperatureProbe {

    /**
     * One reading in °C.
     *
     * @throws SensorFault when the probe is missing, its CRC fails or the value is implausible
     */
    double celsius() throws SensorFault;
}
