package org.coldwatch.gateway.sensor.hx711;

import java.util.Locale;

/**
 * Input channel and gain of the HX711, chosen by the number of PD_SCK pulses per readout (Avia Semiconductor HX711
 * datasheet, "Serial Interface", Table 3: 25 pulses → channel A gain 128, 26 → channel B gain 32, 27 → channel A gain
 * 64). A selection applies to the next conversion; after power-up or reset the chip uses channel A, gain 128.
 */
public enum Hx711Gain {
    /** Channel A, gain 128 (25 pulses). */
    A_128(25),
    /** Channel B, gain 32 (26 pulses). */
    B_32(26),
    /** Channel A, gain 64 (27 pulses). */
    A_64(27);

    private final int pulses;

    Hx711Gain(int pulses) {
        this.pulses = pulses;
    }

    /** PD_SCK pulses per readout: 24 data bits plus 1, 2 or 3. */
    public int pulses() {
        return pulses;
    }

    /** The configuration name: {@code a128}, {@code b32}, {@code a64}. */
    public String configName() {
        return name().replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The gain with this configuration name. */
    static Hx711Gain ofConfigName(String name) {
        for (Hx711Gain g : values()) {
            if (g.configName().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown gain " + name);
    }
}
