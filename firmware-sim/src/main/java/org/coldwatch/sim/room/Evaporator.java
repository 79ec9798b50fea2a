package org.coldwatch.sim.room;

import static org.coldwatch.sim.physics.Psychrometrics.CP_VAPOUR;
import static org.coldwatch.sim.physics.Psychrometrics.LATENT_VAPORISATION;

import org.coldwatch.sim.physics.Psychrometrics;

/**
 * The evaporator coil and its frost. While the compressor runs, the coil sits {@code coilTemperatureDifferenceK}
 * below the air; the air passing it (less the bypass share) gives up water down to saturation at the coil surface —
 * as frost below 0 °C, as condensate that drains above — and the rest of the unit's capacity is sensible cooling.
 * The defrost heater melts the frost first (the melt water drains) and warms the air with what is left.
 */
final class Evaporator {
    /** Latent heat of fusion of ice, J/kg (ASHRAE Handbook — Fundamentals 2017, ch. 1, table 3: 333.4). */
    static final double LATENT_FUSION = 333_400.0;

    private final RefrigerationSpec spec;
    private final Ledger ledger;
    private double frostKg;

    /** What one step of the coil did to the air. */
    record AirChange(double heatW, double waterKgPerS) {
    }

    Evaporator(RefrigerationSpec spec, Ledger ledger) {
        this.spec = spec;
        this.ledger = ledger;
    }

    /**
     * One step of cooling: the air's heat and water change, booked in the ledger.
     *
     * @param air      air temperature
     * @param w        air humidity ratio
     * @param vapourKg water vapour in the room (the coil cannot take more)
     * @param dt       step, s
     */
    AirChange cool(double air, double w, double vapourKg, double dt) {
        double coilCelsius = air - spec.coilTemperatureDifferenceK();
        double throughCoilKgPerS = Psychrometrics.dryAirDensity(air) * spec.coilAirflowM3PerS()
                * (1 - spec.coilBypassFactor());
        double saturatedW = Psychrometrics.humidityRatio(Psychrometrics.saturationPressureOverSurfacePa(coilCelsius));
        double waterKgPerS = Math.min(throughCoilKgPerS * Math.max(0, w - saturatedW), vapourKg / dt);
        double condensateJPerKg = coilCelsius < 0 ? -LATENT_FUSION : ColdRoom.CP_WATER * coilCelsius;
        double vapourJPerKg = LATENT_VAPORISATION + CP_VAPOUR * air;
        double latentDutyW = waterKgPerS * (vapourJPerKg - condensateJPerKg);
        if (latentDutyW > spec.capacityW()) {
            waterKgPerS *= spec.capacityW() / latentDutyW;
            latentDutyW = spec.capacityW();
        }
        double sensibleW = spec.capacityW() - latentDutyW;
        ledger.refrigerationJ += spec.capacityW() * dt;
        ledger.coilWaterKg += waterKgPerS * dt;
        if (coilCelsius < 0) {
            frostKg += waterKgPerS * dt;
        } else {
            ledger.drainedWaterKg += waterKgPerS * dt;
            ledger.drainJ += waterKgPerS * condensateJPerKg * dt;
        }
        return new AirChange(-(sensibleW + waterKgPerS * vapourJPerKg), -waterKgPerS);
    }

    /** One step of the defrost heater; returns the heat left for the air after melting frost, W. */
    double defrost(double dt) {
        double heaterW = spec.defrostHeaterW();
        double meltKg = Math.min(frostKg, heaterW * dt / LATENT_FUSION);
        frostKg -= meltKg;
        ledger.drainedWaterKg += meltKg;
        ledger.heaterJ += heaterW * dt;
        return heaterW - meltKg * LATENT_FUSION / dt;
    }

    /** Frost on the coil, kg. */
    double frostKg() {
        return frostKg;
    }

    /** The frost's energy relative to liquid water at 0 °C, J (negative: melting it takes heat). */
    double frostEnergyJ() {
        return -frostKg * LATENT_FUSION;
    }
}
