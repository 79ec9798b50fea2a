package org.coldwatch.sim.physics;

/**
 * Air exchange through an open cold-room door by the Gosney and Olama (1975) model, as the ASHRAE Handbook —
 * Refrigeration gives it in its chapter on refrigeration load ("Infiltration air load"): the sensible and latent
 * load of a fully established flow is q = 0.221·A·(h_i − h_r)·ρ_r·(1 − ρ_i/ρ_r)^0.5·(g·H)^0.5·F_m kW, with the
 * density factor F_m = (2 / (1 + (ρ_r/ρ_i)^(1/3)))^1.5; the actual load multiplies it by the doorway flow factor
 * D_f (0.8 for a door held open with a temperature difference above 11 K†) and by (1 − E) for a strip curtain of
 * effectiveness E.
 *
 * <p>Written as a mass flow of dry air exchanged in each direction, q = ṁ·(h_i − h_r), so the room model can carry
 * the moisture with the same flow.
 */
public final class DoorwayInfiltration {
    /** Standard gravity, m/s². */
    public static final double GRAVITY = 9.80665;
    /** Gosney–Olama's coefficient (ASHRAE Refrigeration, infiltration air load). */
    public static final double COEFFICIENT = 0.221;

    private DoorwayInfiltration() {
    }

    /**
     * Dry air exchanged through the doorway, kg/s each way.
     *
     * @param doorAreaM2           opening area A
     * @param doorHeightM          opening height H
     * @param roomCelsius          refrigerated side temperature
     * @param outsideCelsius       infiltration side temperature
     * @param flowFactor           D_f
     * @param curtainEffectiveness E, 0 without a strip curtain
     */
    public static double dryAirKgPerSecond(double doorAreaM2, double doorHeightM, double roomCelsius,
                                           double outsideCelsius, double flowFactor, double curtainEffectiveness) {
        double rhoRoom = Psychrometrics.dryAirDensity(roomCelsius);
        double rhoOutside = Psychrometrics.dryAirDensity(outsideCelsius);
        double denser = Math.max(rhoRoom, rhoOutside);
        double lighter = Math.min(rhoRoom, rhoOutside);
        double densityFactor = Math.pow(2.0 / (1.0 + Math.cbrt(denser / lighter)), 1.5);
        return COEFFICIENT * doorAreaM2 * rhoRoom * Math.sqrt(1.0 - lighter / denser)
                * Math.sqrt(GRAVITY * doorHeightM) * densityFactor * flowFactor * (1.0 - curtainEffectiveness);
    }
}
