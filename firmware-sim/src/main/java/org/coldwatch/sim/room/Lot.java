package org.coldwatch.sim.room;

import org.coldwatch.sim.physics.Respiration;
import org.coldwatch.sim.physics.ShelfLife;
import org.coldwatch.sim.produce.Commodity;

/**
 * One lot of produce in the room (a batch of one commodity that came in together), with the weights the loss
 * indicator of DOMAIN.md is built on: in, out, discarded, and what is on hand, split into sound and rotten.
 *
 * <p><b>Decay model</b> (ours; no source gives one for bulk produce): a lot kept at its reference temperature for its
 * whole storage life lets {@link #ROT_SHARE_OVER_LIFE} of its sound weight rot; the rot rate scales with the same
 * piecewise Q10 as respiration and grows with the shelf life already used (so temperature abuse accumulates, and
 * keeps costing after the room is cold again), and runs {@link #FROZEN_ROT_FACTOR} times faster while the produce is
 * below its highest freezing point. Rotten weight stays in the bins until a discard sorts it out.
 */
public final class Lot {
    /** Share of a lot that rots over its storage life at the reference temperature (assumption). */
    public static final double ROT_SHARE_OVER_LIFE = 0.05;
    /** Rot speed-up while frozen (assumption: freezing injury ruins tissue within days). */
    public static final double FROZEN_ROT_FACTOR = 20;

    private final String id;
    private final Commodity commodity;
    private final double inKg;
    private double soundKg;
    private double rottenKg;
    private double celsius;
    private double outKg;
    private double discardKg;
    private double transpiredKg;
    private double shelfLifeUsed;
    private double frozenSeconds;
    private double chillingDegreeHours;

    /**
     * A lot as it is brought in.
     *
     * @param id        lot id
     * @param commodity what it is
     * @param massKg    its weight W_in
     * @param celsius   its temperature on arrival (field heat)
     */
    public Lot(String id, Commodity commodity, double massKg, double celsius) {
        RoomSpec.positive("massKg", massKg);
        this.id = id;
        this.commodity = commodity;
        this.inKg = massKg;
        this.soundKg = massKg;
        this.celsius = celsius;
    }

    /** Advances decay bookkeeping by {@code dt} seconds at the current temperature. */
    void age(double dt) {
        double factor = Respiration.temperatureFactor(commodity.referenceCelsius(), celsius);
        boolean frozen = celsius < commodity.highestFreezingCelsius();
        double rotPerSecond = ROT_SHARE_OVER_LIFE / commodity.referenceLifeSeconds() * factor * (1 + shelfLifeUsed)
                * (frozen ? FROZEN_ROT_FACTOR : 1);
        double rotting = Math.min(soundKg, soundKg * rotPerSecond * dt);
        soundKg -= rotting;
        rottenKg += rotting;
        shelfLifeUsed += ShelfLife.fractionUsed(dt, commodity.referenceLifeSeconds(), commodity.referenceCelsius(),
                celsius);
        if (frozen) {
            frozenSeconds += dt;
        } else if (commodity.chillingBelowCelsius() != null && celsius < commodity.chillingBelowCelsius()) {
            chillingDegreeHours += (commodity.chillingBelowCelsius() - celsius) * dt / 3600;
        }
    }

    /** Heat of respiration now, W. */
    double respirationWatts() {
        return massKg() * Respiration.heatWattsPerKg(commodity.respiration().mgCo2PerKgHour(),
                commodity.respiration().atCelsius(), celsius);
    }

    /** Loses water by transpiration: weight falls from the sound and rotten parts alike. */
    void transpire(double kg) {
        double mass = massKg();
        soundKg -= kg * soundKg / mass;
        rottenKg -= kg * rottenKg / mass;
        transpiredKg += kg;
    }

    void warm(double joules) {
        celsius += joules / heatCapacityJPerK();
    }

    /** Sends {@code kg} of sound produce out for sale; returns what actually left. */
    double ship(double kg) {
        double shipped = Math.min(kg, soundKg);
        soundKg -= shipped;
        outKg += shipped;
        return shipped;
    }

    /** Sorts out and discards every rotten kilogram; returns the weight discarded. */
    double discardRotten() {
        double discarded = rottenKg;
        rottenKg = 0;
        discardKg += discarded;
        return discarded;
    }

    /** The lot id. */
    public String id() {
        return id;
    }

    /** What it is. */
    public Commodity commodity() {
        return commodity;
    }

    /** Weight on hand, W_now. */
    public double massKg() {
        return soundKg + rottenKg;
    }

    /** Weight that has rotted and not been sorted out yet. */
    public double rottenKg() {
        return rottenKg;
    }

    /** Weight brought in, W_in. */
    public double inKg() {
        return inKg;
    }

    /** Weight shipped for sale, W_out. */
    public double outKg() {
        return outKg;
    }

    /** Weight discarded, W_discard. */
    public double discardKg() {
        return discardKg;
    }

    /** Weight lost as water. */
    public double transpiredKg() {
        return transpiredKg;
    }

    /** Produce temperature (the lot is one lump). */
    public double celsius() {
        return celsius;
    }

    /** Fraction of its storage life used so far (1 = used up at the reference temperature's pace). */
    public double shelfLifeUsed() {
        return shelfLifeUsed;
    }

    /** Time spent below the highest freezing point, s. */
    public double frozenSeconds() {
        return frozenSeconds;
    }

    /** Chilling injury dose, °C·h below the chilling threshold. */
    public double chillingDegreeHours() {
        return chillingDegreeHours;
    }

    /** Heat capacity now, J/K (Siebel specific heat). */
    public double heatCapacityJPerK() {
        return massKg() * commodity.specificHeat();
    }

    /** Sensible energy relative to 0 °C, J. */
    double energyJ() {
        return heatCapacityJPerK() * celsius;
    }
}
