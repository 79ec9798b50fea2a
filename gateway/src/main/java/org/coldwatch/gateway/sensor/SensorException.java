package org.coldwatch.gateway.sensor;

/** A sensor could not be read: bus error, CRC mismatch, device missing, timeout. */
public class SensorException extends Exception {
    private static final long serialVersionUID = 1L;

    public SensorException(String message) {
        super(message);
    }

    public SensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
