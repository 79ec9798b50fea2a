package org.coldwatch.sim.physics;

/**
 * Respiration of stored produce: its rate and the heat it releases, with the temperature dependence DOMAIN.md gives.
 *
 * <ul>
 *   <li>Rate: CO₂ production at a reference temperature (from the commodity catalog) scaled by Q10 per 10 K, with
 *       Q10 taken piecewise as the middle of the ranges Saltveit gives in USDA Agriculture Handbook 66
 *       ("Respiratory metabolism"): 3.25 for 0–10 °C (2.5–4.0), 2.25 for 10–20 °C (2.0–2.5), 1.75 for 20–30 °C
 *       (1.5–2.0). Below 0 °C and above 30 °C the nearest range is extrapolated.</li>
 *   <li>Heat: 10.7 J per mg of CO₂, from the stoichiometry of glucose oxidation, C₆H₁₂O₆ + 6 O₂ → 6 CO₂ + 6 H₂O
 *       + 2,816 kJ (2,816 kJ ÷ 6 mol ÷ 44.01 g/mol = 10.66 J/mg); the same factor the ASHRAE Handbook —
 *       Refrigeration uses to turn respiration rates into heat of respiration†.</li>
 * </ul>
 */
public final class Respiration {
    /** Heat released per milligram of CO₂ produced, J/mg (glucose oxidation, see class comment). */
    public static final double JOULES_PER_MG_CO2 = 2_816_000.0 / 6.0 / 44.01 / 1000.0;

    private static final double Q10_0_TO_10 = 3.25;
    private static final double Q10_10_TO_20 = 2.25;
    private static final double Q10_20_TO_30 = 1.75;

    private Respiration() {
    }

    /**
     * The factor by which a rate measured at {@code referenceCelsius} changes at {@code celsius}, integrating the
     * piecewise Q10 across range boundaries.
     */
    public static double temperatureFactor(double referenceCelsius, double celsius) {
        return Math.exp(logFactorFromZero(celsius) - logFactorFromZero(referenceCelsius));
    }

    /** ln of the rate factor from 0 °C to {@code celsius}, piecewise in Q10. */
    private static double logFactorFromZero(double celsius) {
        double t = celsius;
        double ln = Math.log(Q10_0_TO_10) / 10 * Math.min(t, 10);
        if (t > 10) {
            ln += Math.log(Q10_10_TO_20) / 10 * (Math.min(t, 20) - 10);
        }
        if (t > 20) {
            ln += Math.log(Q10_20_TO_30) / 10 * (t - 20);
        }
        return ln;
    }

    /**
     * Heat of respiration, W per kg of produce.
     *
     * @param mgCo2PerKgHourAtReference respiration rate at the reference temperature
     * @param referenceCelsius          where that rate was measured
     * @param celsius                   the produce's temperature now
     */
    public static double heatWattsPerKg(double mgCo2PerKgHourAtReference, double referenceCelsius, double celsius) {
        return mgCo2PerKgHourAtReference * temperatureFactor(referenceCelsius, celsius) * JOULES_PER_MG_CO2 / 3600.0;
    }
}
