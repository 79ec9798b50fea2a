package org.coldwatch.sim.physics;

/**
 * Remaining shelf life under a temperature history (DOMAIN.md, after Saltveit in USDA Agriculture Handbook 66):
 * SL(T) = SL_ref·Q10^(−(T − T_ref)/10), and the fraction of shelf life used is Σ Δt_i / SL(T_i). The temperature
 * dependence is the same piecewise Q10 as {@link Respiration}: decay follows metabolism.
 */
public final class ShelfLife {
    private ShelfLife() {
    }

    /** Shelf life at {@code celsius}, in the unit of {@code referenceLife}. */
    public static double lifeAt(double referenceLife, double referenceCelsius, double celsius) {
        return referenceLife / Respiration.temperatureFactor(referenceCelsius, celsius);
    }

    /** Fraction of shelf life used by {@code seconds} at {@code celsius}. */
    public static double fractionUsed(double seconds, double referenceLifeSeconds, double referenceCelsius,
                                      double celsius) {
        return seconds / lifeAt(referenceLifeSeconds, referenceCelsius, celsius);
    }
}
