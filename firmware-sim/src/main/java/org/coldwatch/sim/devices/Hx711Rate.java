package org.coldwatch.sim.devices;

import java.time.Duration;

/**
 * Output data rate of the HX711 with its on-chip oscillator, set by the RATE pin (Avia Semiconductor HX711 datasheet,
 * "Output Data Rate and Format" and the "Key Electrical Characteristics" table).
 */
public enum Hx711Rate {
    /** RATE = 0: 10 samples per second; output settling time 400 ms. */
    SPS_10(Duration.ofMillis(100), Duration.ofMillis(400)),
    /** RATE = DVDD: 80 samples per second; output settling time 50 ms. */
    SPS_80(Duration.ofNanos(12_500_000), Duration.ofMillis(50));

    private final Duration period;
    private final Duration settling;

    Hx711Rate(Duration period, Duration settling) {
        this.period = period;
        this.settling = settling;
    }

    /** Time between two conversions, 1 / rate. */
    public Duration period() {
        return period;
    }

    /**
     * The datasheet's output settling time: "the time from power up, reset, input channel change and gain change to
     * valid stable output data". The simulation asserts DOUT ready only after it.
     */
    public Duration settling() {
        return settling;
    }
}
