package org.coldwatch.sim.physics;

/**
 * Moisture loss of stored produce by the vapour-pressure-deficit model of the ASHRAE Handbook — Refrigeration,
 * chapter "Commodity storage requirements" (as quoted in DOMAIN.md): ṁ [mg/(kg·s)] = k_t [mg/(kg·s·MPa)] ×
 * (p_s − p_a) [MPa], with p_s the saturation pressure at the product's surface temperature (times a lowering factor
 * for dissolved solids, about 0.98 per DOMAIN.md†, 1 in the worked examples) and p_a = RH·e_s(T_air).
 *
 * <p>Transpiration coefficients k_t are measured on loose produce in moving air (Sastry et al. 1978; Chau et al.
 * 1987) and overstate losses in bins and film liners; the room model multiplies them by a per-room factor.
 */
public final class Transpiration {
    /** %/day per mg/(kg·s): 86,400 s/day ÷ 10⁶ mg/kg × 100 (DOMAIN.md). */
    public static final double PERCENT_PER_DAY_PER_MG_PER_KG_S = 8.64;

    private Transpiration() {
    }

    /**
     * Water lost per kilogram of produce per second.
     *
     * @param kt                    transpiration coefficient, mg/(kg·s·MPa)
     * @param surfaceCelsius        product surface temperature
     * @param surfacePressureFactor vapour-pressure lowering by dissolved solids (≤ 1)
     * @param airVapourPa           partial pressure of water vapour in the room air
     * @return kg of water per kg of produce per second; negative when the air is wetter than the surface (condensation
     *     on cold produce taken out into warm air, which the model allows)
     */
    public static double kgPerKgSecond(double kt, double surfaceCelsius, double surfacePressureFactor,
                                       double airVapourPa) {
        double deficitMpa = (surfacePressureFactor * Psychrometrics.saturationPressurePa(surfaceCelsius)
                - airVapourPa) / 1e6;
        return kt * deficitMpa * 1e-6;
    }

    /** Percent of the produce's weight lost per day at a steady state, product at air temperature. */
    public static double percentPerDay(double kt, double celsius, double rhPercent) {
        double airVapourPa = rhPercent / 100.0 * Psychrometrics.saturationPressurePa(celsius);
        return kgPerKgSecond(kt, celsius, 1.0, airVapourPa) * 1e6 * PERCENT_PER_DAY_PER_MG_PER_KG_S;
    }
}
