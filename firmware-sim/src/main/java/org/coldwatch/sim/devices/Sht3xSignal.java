package org.coldwatch.sim.devices;

/**
 * Conversions between physical values and the SHT3x's 16-bit signal words (Sensirion SHT3x-DIS datasheet, section
 * 4.13 "Conversion of Signal Output": T = -45 + 175 * S_T / (2^16 - 1), RH = 100 * S_RH / (2^16 - 1)), plus what the
 * built-in heater does to a reading.
 */
final class Sht3xSignal {

    /** 2^16 - 1, the full-scale signal of datasheet section 4.13. */
    static final int FULL_SCALE = 65_535;
    /** Datasheet section 4.13: the temperature formula's offset, -45 °C. */
    static final double T_OFFSET_CELSIUS = -45;
    /** Datasheet section 4.13: the temperature formula's span, 175 °C. */
    static final double T_SPAN_CELSIUS = 175;
    /** Datasheet section 4.13: the humidity formula's span, 100 %RH. */
    static final double RH_SPAN_PERCENT = 100;
    /** Magnus coefficients over water (Sensirion application note "Introduction to Humidity", section 3): 17.62. */
    private static final double MAGNUS_BETA = 17.62;
    /** Magnus coefficients over water (same application note): 243.12 °C. */
    private static final double MAGNUS_LAMBDA_CELSIUS = 243.12;

    private Sht3xSignal() {
    }

    /** Inverse of the temperature formula, rounded and clamped to the 16-bit range (-45…130 °C). */
    static int temperatureTicks(double celsius) {
        return clampRound((celsius - T_OFFSET_CELSIUS) * FULL_SCALE / T_SPAN_CELSIUS);
    }

    /** Inverse of the humidity formula, rounded and clamped to the 16-bit range (0…100 %RH). */
    static int humidityTicks(double percent) {
        return clampRound(percent * FULL_SCALE / RH_SPAN_PERCENT);
    }

    /** The temperature formula of section 4.13. */
    static double celsius(int ticks) {
        return T_OFFSET_CELSIUS + T_SPAN_CELSIUS * ticks / FULL_SCALE;
    }

    /** The humidity formula of section 4.13. */
    static double relativeHumidity(int ticks) {
        return RH_SPAN_PERCENT * ticks / FULL_SCALE;
    }

    /**
     * The relative humidity a sensor warmed by {@code riseCelsius} above the air reads: the water vapour pressure is
     * unchanged, the saturation pressure at the warmer sensor is higher (Magnus formula).
     */
    static double humidityAtWarmerSensor(double airCelsius, double airPercent, double riseCelsius) {
        double ratio = saturation(airCelsius) / saturation(airCelsius + riseCelsius);
        return Math.max(0, Math.min(RH_SPAN_PERCENT, airPercent * ratio));
    }

    private static double saturation(double celsius) {
        return Math.exp(MAGNUS_BETA * celsius / (MAGNUS_LAMBDA_CELSIUS + celsius));
    }

    private static int clampRound(double ticks) {
        if (Double.isNaN(ticks)) {
            throw new IllegalArgumentException("sensor value is NaN");
        }
        return (int) Math.max(0, Math.min(FULL_SCALE, Math.round(ticks)));
    }
}
