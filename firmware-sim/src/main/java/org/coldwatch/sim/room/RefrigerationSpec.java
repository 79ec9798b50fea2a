package org.coldwatch.sim.room;

/**
 * The refrigeration unit: an on/off compressor behind a thermostat with a differential, an evaporator coil with fans,
 * and timed electric defrost.
 *
 * <p>Defaults are assumptions typical of small condensing units, not measured values: an evaporator temperature
 * difference (air − coil) of 6 K, the range recommended for rooms held at 90–95 % RH (ASHRAE Handbook —
 * Refrigeration, "Commodity storage requirements": the smaller the TD, the higher the RH the coil leaves); a coil
 * bypass factor of 0.5, because 4 kW taken from 1 m³/s of air cools it by about 3 K (4000 / (1.29 · 1006)), half
 * of the way to the coil surface; anti-short-cycle timers of 3 minutes; defrost every 8 h for 20 min with a heater about the
 * unit's capacity.
 *
 * @param capacityW            cooling capacity at the coil while the compressor runs
 * @param setpointCelsius      thermostat set point (middle of the differential)
 * @param differentialK        thermostat differential: cut in at set + diff/2, cut out at set − diff/2
 * @param coilTemperatureDifferenceK air temperature minus coil surface temperature while running
 * @param coilAirflowM3PerS    air moved through the coil by the evaporator fans
 * @param coilBypassFactor     share of that air that passes the coil without touching it
 * @param fanW                 evaporator fan power, all of it ending up as heat in the room
 * @param minRunSeconds        compressor anti-short-cycle: minimum run
 * @param minOffSeconds        compressor anti-short-cycle: minimum pause
 * @param defrostIntervalHours time between defrost starts; 0 for none
 * @param defrostMinutes       length of a defrost
 * @param defrostHeaterW       defrost heater power
 */
public record RefrigerationSpec(double capacityW, double setpointCelsius, double differentialK,
                                double coilTemperatureDifferenceK, double coilAirflowM3PerS, double coilBypassFactor,
                                double fanW, double minRunSeconds, double minOffSeconds, double defrostIntervalHours,
                                double defrostMinutes, double defrostHeaterW) {

    public RefrigerationSpec {
        RoomSpec.positive("capacityW", capacityW);
        RoomSpec.positive("differentialK", differentialK);
        RoomSpec.positive("coilTemperatureDifferenceK", coilTemperatureDifferenceK);
        RoomSpec.positive("coilAirflowM3PerS", coilAirflowM3PerS);
        if (coilBypassFactor < 0 || coilBypassFactor >= 1) {
            throw new IllegalArgumentException("coilBypassFactor must be in [0, 1)");
        }
    }

    /** A 4 kW unit holding 0.5 °C. */
    public static RefrigerationSpec standard() {
        return new RefrigerationSpec(4000, 0.5, 2.0, 6, 1.0, 0.5, 250, 180, 180, 8, 20, 4000);
    }

    /** The same unit with another set point. */
    public RefrigerationSpec withSetpoint(double celsius) {
        return new RefrigerationSpec(capacityW, celsius, differentialK, coilTemperatureDifferenceK, coilAirflowM3PerS,
                coilBypassFactor, fanW, minRunSeconds, minOffSeconds, defrostIntervalHours, defrostMinutes,
                defrostHeaterW);
    }
}
