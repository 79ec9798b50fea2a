package org.coldwatch.sim.physics;

/**
 * Moist-air properties the room model needs, as pure functions of SI inputs.
 *
 * <p>Sources:
 * <ul>
 *   <li>Saturation vapour pressure over water and over ice: Buck, A. L. (1996), Buck Research CR-1A user's manual,
 *       appendix 1 (the 1996 update of Buck 1981, J. Appl. Meteor. 20:1527), as quoted in DOMAIN.md:
 *       e_s = 6.1121·exp((18.678 − T/234.5)·T/(257.14 + T)) hPa over water,
 *       6.1115·exp((23.036 − T/333.7)·T/(279.82 + T)) hPa over ice.</li>
 *   <li>Humidity ratio W = 0.621945·p_w/(p − p_w), specific heat of dry air 1.006 kJ/(kg·K), of water vapour
 *       1.86 kJ/(kg·K), latent heat of vaporisation at 0 °C 2501 kJ/kg and moist-air enthalpy
 *       h = 1.006·t + W·(2501 + 1.86·t) kJ/kg: ASHRAE Handbook — Fundamentals (2017), chapter 1
 *       "Psychrometrics", equations 20 and 32.</li>
 *   <li>Latent heat of sublimation of ice at 0 °C, 2834 kJ/kg: same chapter, table 3 (h_ig).</li>
 *   <li>Gas constant of dry air 287.042 J/(kg·K) and standard pressure 101,325 Pa: same chapter, equation 1 and
 *       table 1.</li>
 * </ul>
 */
public final class Psychrometrics {

    /** Standard atmospheric pressure at sea level, Pa (ASHRAE Fundamentals 2017, ch. 1, table 1). */
    public static final double STANDARD_PRESSURE_PA = 101_325.0;
    /** Gas constant of dry air, J/(kg·K) (ASHRAE Fundamentals 2017, ch. 1, eq. 1). */
    public static final double R_DRY_AIR = 287.042;
    /** Ratio of the molar masses of water vapour and dry air (ASHRAE Fundamentals 2017, ch. 1, eq. 20). */
    public static final double MOLAR_MASS_RATIO = 0.621945;
    /** Specific heat of dry air, J/(kg·K) (ASHRAE Fundamentals 2017, ch. 1, eq. 30). */
    public static final double CP_DRY_AIR = 1006.0;
    /** Specific heat of water vapour, J/(kg·K) (ASHRAE Fundamentals 2017, ch. 1, eq. 31). */
    public static final double CP_VAPOUR = 1860.0;
    /** Latent heat of vaporisation of water at 0 °C, J/kg (ASHRAE Fundamentals 2017, ch. 1, eq. 31). */
    public static final double LATENT_VAPORISATION = 2_501_000.0;
    /** Latent heat of sublimation of ice at 0 °C, J/kg (ASHRAE Fundamentals 2017, ch. 1, table 3). */
    public static final double LATENT_SUBLIMATION = 2_834_000.0;
    /** 0 °C in kelvin. */
    public static final double KELVIN_OFFSET = 273.15;

    private Psychrometrics() {
    }

    /** Saturation vapour pressure over liquid water, Pa (Buck 1996). */
    public static double saturationPressureOverWaterPa(double celsius) {
        return 611.21 * Math.exp((18.678 - celsius / 234.5) * celsius / (257.14 + celsius));
    }

    /** Saturation vapour pressure over ice, Pa (Buck 1996). */
    public static double saturationPressureOverIcePa(double celsius) {
        return 611.15 * Math.exp((23.036 - celsius / 333.7) * celsius / (279.82 + celsius));
    }

    /**
     * Saturation vapour pressure as relative humidity is defined by meteorology and by humidity sensors: over water
     * at every temperature (WMO convention), Pa.
     */
    public static double saturationPressurePa(double celsius) {
        return saturationPressureOverWaterPa(celsius);
    }

    /** Saturation pressure over the surface that actually forms: ice below 0 °C (frost on a coil), Pa. */
    public static double saturationPressureOverSurfacePa(double celsius) {
        return celsius < 0 ? saturationPressureOverIcePa(celsius) : saturationPressureOverWaterPa(celsius);
    }

    /** Humidity ratio, kg water per kg dry air, of air whose water vapour has partial pressure {@code vapourPa}. */
    public static double humidityRatio(double vapourPa) {
        return MOLAR_MASS_RATIO * vapourPa / (STANDARD_PRESSURE_PA - vapourPa);
    }

    /** Partial pressure of water vapour, Pa, of air with humidity ratio {@code w} (inverse of {@link #humidityRatio}). */
    public static double vapourPressurePa(double w) {
        return STANDARD_PRESSURE_PA * w / (MOLAR_MASS_RATIO + w);
    }

    /** Humidity ratio of air at {@code celsius} and relative humidity {@code rhPercent} (over water). */
    public static double humidityRatio(double celsius, double rhPercent) {
        return humidityRatio(rhPercent / 100.0 * saturationPressurePa(celsius));
    }

    /** Relative humidity, % (over water, as sensors report it), of air at {@code celsius} with humidity ratio w. */
    public static double relativeHumidityPercent(double celsius, double w) {
        return 100.0 * vapourPressurePa(w) / saturationPressurePa(celsius);
    }

    /** Density of dry air, kg/m³, at standard pressure (ideal gas; the vapour's share is below 1 % here). */
    public static double dryAirDensity(double celsius) {
        return STANDARD_PRESSURE_PA / (R_DRY_AIR * (celsius + KELVIN_OFFSET));
    }

    /** Specific enthalpy of moist air, J per kg dry air, 0 °C dry air and liquid water as reference. */
    public static double enthalpy(double celsius, double w) {
        return CP_DRY_AIR * celsius + w * (LATENT_VAPORISATION + CP_VAPOUR * celsius);
    }

    /** Dew point (frost point below 0 °C is not used: sensors and the coil model use the water curve), °C. */
    public static double dewPointCelsius(double vapourPa) {
        // Invert Buck's water curve by Newton's method; three to five steps reach 1e-9 K.
        double t = 0;
        for (int i = 0; i < 30; i++) {
            double es = saturationPressureOverWaterPa(t);
            double h = 1e-3;
            double slope = (saturationPressureOverWaterPa(t + h) - es) / h;
            double step = (es - vapourPa) / slope;
            t -= step;
            if (Math.abs(step) < 1e-10) {
                break;
            }
        }
        return t;
    }
}
