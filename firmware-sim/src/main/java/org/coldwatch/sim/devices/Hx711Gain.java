package org.coldwatch.sim.devices;

/**
 * Input channel and gain of the HX711, selected by the number of PD_SCK pulses in a readout (Avia Semiconductor
 * HX711 datasheet, Table 3 "Input Channel and Gain Selection": 25 pulses → channel A, gain 128; 26 → channel B, gain
 * 32; 27 → channel A, gain 64). The selection applies to the next conversion; after a reset or power-down the chip
 * starts on channel A, gain 128.
 */
public enum Hx711Gain {
    /** Channel A, gain 128: 25 pulses. Full-scale differential input ±20 mV at AVDD = 5 V. */
    A_128(25, 128),
    /** Channel B, fixed gain 32: 26 pulses. */
    B_32(26, 32),
    /** Channel A, gain 64: 27 pulses. */
    A_64(27, 64);

    private final int pulses;
    private final int gain;

    Hx711Gain(int pulses, int gain) {
        this.pulses = pulses;
        this.gain = gain;
    }

    /** PD_SCK pulses per readout that select this input (24 data bits plus 1, 2 or 3). */
    public int pulses() {
        return pulses;
    }

    /** The programmable gain, 128, 32 or 64. */
    public int gain() {
        return gain;
    }

    /**
     * The input selected by a readout of this many pulses.
     *
     * @param pulses 25, 26 or 27
     * @return the selection
     */
    public static Hx711Gain forPulses(int pulses) {
        for (Hx711Gain g : values()) {
            if (g.pulses == pulses) {
                return g;
            }
        }
        throw new IllegalArgumentException("an HX711 readout has 25, 26 or 27 pulses, not " + pulses);
    }
}
