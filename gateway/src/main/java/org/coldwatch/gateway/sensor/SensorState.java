package org.coldwatch.gateway.sensor;

/**
 * The health of one sensor after its last read: {@code ok}, or the reason it produced no reading. Each state has the
 * lower-case name used in logs, health reports and the {@code selftest} table.
 */
public enum SensorState {
    /** The last read produced plausible values. */
    OK("ok"),
    /** The device did not answer: I2C NACK, no 1-Wire folder, HX711 never ready. */
    MISSING("missing"),
    /** The device answered but a checksum did not match (or the data cannot be what the device sends). */
    CRC("crc"),
    /** The device keeps reporting exactly the same raw value: a frozen ADC or converter. */
    STUCK("stuck"),
    /** The value is outside what the device can measure, or is a known power-on/reset value. */
    IMPLAUSIBLE("implausible");

    private final String label;

    SensorState(String label) {
        this.label = label;
    }

    /** The lower-case name, e.g. {@code crc}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
