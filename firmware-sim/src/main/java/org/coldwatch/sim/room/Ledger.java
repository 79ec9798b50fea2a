package org.coldwatch.sim.room;

/**
 * Every joule and kilogram that crossed the room's boundary, booked as the flows happen. The room's stored energy
 * and water change by exactly the sum of these flows; tests check that, which is how a bookkeeping error in the
 * model gets caught.
 *
 * <p>Energies are enthalpies relative to 0 °C dry air, liquid water and produce at 0 °C; positive into the room.
 */
public final class Ledger {
    double envelopeJ;
    double infiltrationJ;
    double respirationJ;
    double fansJ;
    double heaterJ;
    double humidifierJ;
    double refrigerationJ;
    double drainJ;
    double loadedJ;
    double unloadedJ;

    double humidifierWaterKg;
    double infiltrationWaterKg;
    double coilWaterKg;
    double drainedWaterKg;
    double transpiredKg;

    double inboundKg;
    double outboundKg;
    double discardKg;

    /** Net energy into the room so far, J. */
    public double netEnergyJ() {
        return envelopeJ + infiltrationJ + respirationJ + fansJ + heaterJ + humidifierJ - refrigerationJ - drainJ
                + loadedJ - unloadedJ;
    }

    /** Net water into the air and onto the coil so far (transpiration included), kg. */
    public double netWaterKg() {
        return humidifierWaterKg + infiltrationWaterKg + transpiredKg - drainedWaterKg;
    }

    /** Heat through walls, roof and floor, J. */
    public double envelopeJ() {
        return envelopeJ;
    }

    /** Enthalpy brought in by air exchange through the open door, J. */
    public double infiltrationJ() {
        return infiltrationJ;
    }

    /** Heat of respiration, J. */
    public double respirationJ() {
        return respirationJ;
    }

    /** Evaporator fan heat, J. */
    public double fansJ() {
        return fansJ;
    }

    /** Defrost heater energy, J. */
    public double heaterJ() {
        return heaterJ;
    }

    /** Heat removed by the refrigeration unit at the coil, J. */
    public double refrigerationJ() {
        return refrigerationJ;
    }

    /** Water the humidifier put into the air, kg. */
    public double humidifierWaterKg() {
        return humidifierWaterKg;
    }

    /** Water taken out of the air by the coil (condensate and frost), kg. */
    public double coilWaterKg() {
        return coilWaterKg;
    }

    /** Net water brought in by door air exchange, kg. */
    public double infiltrationWaterKg() {
        return infiltrationWaterKg;
    }

    /** Water lost by the produce, kg. */
    public double transpiredKg() {
        return transpiredKg;
    }

    /** Produce brought in, kg. */
    public double inboundKg() {
        return inboundKg;
    }

    /** Produce shipped, kg. */
    public double outboundKg() {
        return outboundKg;
    }

    /** Produce discarded, kg. */
    public double discardKg() {
        return discardKg;
    }
}
