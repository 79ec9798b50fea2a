package org.coldwatch.sim.room;

/**
 * The building: an insulated box with a door.
 *
 * <p>Defaults, each an assumption for a small village cold store of the kind China's 果蔬保鲜库 programme builds, not
 * a measured value: polyurethane sandwich panels of 100 mm with λ ≈ 0.023 W/(m·K) (manufacturers' declared values
 * for PUR/PIR panels under EN 14509, secondary) give U = λ/d ≈ 0.23 W/(m²·K), rounded up to 0.3 for joints and the
 * floor; the "structure" node lumps the panels' inner steel skins, racks and the evaporator's metal, whose heat
 * capacity is what makes a thermostat cycle in minutes rather than seconds.
 *
 * @param lengthM                     inside length
 * @param widthM                      inside width
 * @param heightM                     inside height
 * @param envelopeUValue              overall heat transfer coefficient of walls, roof and floor, W/(m²·K)
 * @param structureHeatCapacityJPerK  lumped heat capacity of skins, racks and coil metal
 * @param structureCouplingWPerK      heat transfer between that structure and the air, W/K
 * @param doorWidthM                  door opening width
 * @param doorHeightM                 door opening height
 * @param doorFlowFactor              D_f of the Gosney–Olama infiltration model (ASHRAE: 0.8 for a door held open)
 * @param curtainEffectiveness        E of a strip curtain, 0 without one
 * @param transpirationFactor         per-room factor on the catalog's k_t (bins and liners transpire less than
 *                                    loose produce in moving air; DOMAIN.md); 1 = catalog value
 * @param produceHalfCoolingHours     half-cooling time of a lot in its bins by room cooling (the ASHRAE Handbook —
 *                                    Refrigeration, "Methods of precooling", describes room cooling of bins as
 *                                    taking about a day; 12 h half-cooling is our assumption)
 */
public record RoomSpec(double lengthM, double widthM, double heightM, double envelopeUValue,
                       double structureHeatCapacityJPerK, double structureCouplingWPerK, double doorWidthM,
                       double doorHeightM, double doorFlowFactor, double curtainEffectiveness,
                       double transpirationFactor, double produceHalfCoolingHours) {

    public RoomSpec {
        positive("lengthM", lengthM);
        positive("widthM", widthM);
        positive("heightM", heightM);
        positive("envelopeUValue", envelopeUValue);
        positive("structureHeatCapacityJPerK", structureHeatCapacityJPerK);
        positive("structureCouplingWPerK", structureCouplingWPerK);
        positive("doorWidthM", doorWidthM);
        positive("doorHeightM", doorHeightM);
        positive("produceHalfCoolingHours", produceHalfCoolingHours);
        if (curtainEffectiveness < 0 || curtainEffectiveness >= 1) {
            throw new IllegalArgumentException("curtainEffectiveness must be in [0, 1)");
        }
    }

    /** A 6 × 5 × 3.5 m village fruit store: about 100 m³, 10–15 t of produce in bins. */
    public static RoomSpec villageStore() {
        return new RoomSpec(6, 5, 3.5, 0.3, 2.0e6, 1500, 1.2, 2.2, 0.8, 0, 1.0, 12);
    }

    static void positive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Inside volume, m³. */
    public double volumeM3() {
        return lengthM * widthM * heightM;
    }

    /** Area of walls, roof and floor, m². */
    public double envelopeAreaM2() {
        return 2 * (lengthM * widthM + lengthM * heightM + widthM * heightM);
    }

    /** Door opening area, m². */
    public double doorAreaM2() {
        return doorWidthM * doorHeightM;
    }
}
