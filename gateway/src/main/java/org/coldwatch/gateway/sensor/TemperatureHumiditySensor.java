package org.coldwatch.gateway.sensor;

/** Measures air temperature and relative humidity at one spot (role; e.g. {@code Sht3x}). */
public interface TemperatureHumiditySensor {

    /**
     * One measurement.
     *
     * @throws SensorFault when the device is missing, a checksum fails, the value is stuck or implausible
     */
    Measurement measure() throws SensorFault;

    /**
     * @param celsius                 temperature
     * @param relativeHumidityPercent relative humidity, 0…100
     */
    record Measurement(double celsius, double relativeHumidityPercent) {
    }
}
