package org.coldwatch.sim.room;

import static org.coldwatch.sim.physics.Psychrometrics.CP_DRY_AIR;
import static org.coldwatch.sim.physics.Psychrometrics.CP_VAPOUR;
import static org.coldwatch.sim.physics.Psychrometrics.LATENT_VAPORISATION;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coldwatch.sim.physics.DoorwayInfiltration;
import org.coldwatch.sim.physics.Psychrometrics;
import org.coldwatch.sim.physics.Transpiration;

/**
 * A cold room as lumped capacities stepped explicitly in time: the room air (tracked as total moist-air enthalpy and
 * water-vapour mass, so temperature and humidity follow from one consistent state), the structure, each lot of
 * produce, and the frost on the coil.
 *
 * <p>Flows each step: heat through the envelope (U·A·ΔT) from the {@link Ambient}; air exchange through the open
 * door (Gosney–Olama, carrying heat and moisture); heat exchange between air and structure and between air and each
 * lot (from the lot's half-cooling time); respiration heat (Q10); transpiration by the vapour-pressure deficit, its
 * latent heat taken from the produce; evaporator fans; the coil, which removes sensible heat and condenses or frosts
 * water down to saturation at the coil temperature, within the unit's capacity; the defrost heater, which melts
 * frost (melt water drains) and warms the air; and the humidifier. All of it is booked in the {@link Ledger}.
 *
 * <p>Time steps of a few seconds keep the explicit scheme stable: the fastest process, air exchange with the
 * structure or through an open door, has a time constant of minutes. Not thread-safe; the simulation owns it.
 */
public final class ColdRoom {
    /** Specific heat of liquid water, J/(kg·K) (same source). */
    static final double CP_WATER = 4186.0;
    /** Time constant of the air near the door following an opening or closing, s (assumption). */
    private static final double DOOR_ZONE_TIME_CONSTANT = 120;
    /** Share of the outside-to-room temperature difference the door-zone sensor sees while the door is open. */
    private static final double DOOR_ZONE_MIXING = 0.35;

    private final RoomSpec spec;
    private final RefrigerationUnit unit;
    private final HumidifierSpec humidifier;
    private final Ambient ambient;
    private final double dryAirKg;
    private final Map<String, Lot> lots = new LinkedHashMap<>();
    private final Ledger ledger = new Ledger();
    private final Evaporator evaporator;

    private double airEnthalpyJ;
    private double vapourKg;
    private double structureCelsius;
    private double doorZoneCelsius;
    private boolean doorOpen;
    private int doorOpenings;
    private boolean powered = true;
    private boolean humidifierFailed;
    private boolean humidifierOn;
    private Instant time;
    private double outsideCelsius;

    /**
     * A room at rest: air, structure and door zone at {@code celsius}, air at {@code rhPercent}.
     *
     * @param humidifier the humidifier, or {@code null} if the room has none
     */
    public ColdRoom(RoomSpec spec, RefrigerationSpec refrigeration, HumidifierSpec humidifier, Ambient ambient,
                    Instant start, double celsius, double rhPercent) {
        this.spec = spec;
        this.unit = new RefrigerationUnit(refrigeration);
        this.evaporator = new Evaporator(refrigeration, ledger);
        this.humidifier = humidifier;
        this.ambient = ambient;
        this.time = start;
        this.dryAirKg = Psychrometrics.dryAirDensity(celsius) * spec.volumeM3();
        double w = Psychrometrics.humidityRatio(celsius, rhPercent);
        this.vapourKg = w * dryAirKg;
        this.airEnthalpyJ = dryAirKg * Psychrometrics.enthalpy(celsius, w);
        this.structureCelsius = celsius;
        this.doorZoneCelsius = celsius;
        this.outsideCelsius = ambient.celsius(start);
    }

    /** Advances the room by {@code dt} seconds. */
    public void step(double dt) {
        double air = airCelsius();
        double w = vapourKg / dryAirKg;
        outsideCelsius = ambient.celsius(time);
        double outsideRh = ambient.relativeHumidityPercent(time);
        unit.control(air, dt);

        double airHeatW = 0;
        double airWaterKgPerS = 0;

        double envelopeW = spec.envelopeUValue() * spec.envelopeAreaM2() * (outsideCelsius - air);
        ledger.envelopeJ += envelopeW * dt;
        airHeatW += envelopeW;

        double structureW = spec.structureCouplingWPerK() * (structureCelsius - air);
        structureCelsius -= structureW * dt / spec.structureHeatCapacityJPerK();
        airHeatW += structureW;

        if (doorOpen) {
            double exchange = DoorwayInfiltration.dryAirKgPerSecond(spec.doorAreaM2(), spec.doorHeightM(), air,
                    outsideCelsius, spec.doorFlowFactor(), spec.curtainEffectiveness());
            double outsideW = Psychrometrics.humidityRatio(outsideCelsius, outsideRh);
            double heatW = exchange * (Psychrometrics.enthalpy(outsideCelsius, outsideW)
                    - Psychrometrics.enthalpy(air, w));
            double waterKgPerS = exchange * (outsideW - w);
            ledger.infiltrationJ += heatW * dt;
            ledger.infiltrationWaterKg += waterKgPerS * dt;
            airHeatW += heatW;
            airWaterKgPerS += waterKgPerS;
        }

        double vapourPa = Psychrometrics.vapourPressurePa(w);
        for (Lot lot : lots.values()) {
            double capacity = lot.heatCapacityJPerK();
            double couplingWPerK = capacity * Math.log(2) / (spec.produceHalfCoolingHours() * 3600);
            double toAirW = couplingWPerK * (lot.celsius() - air);
            double respirationW = lot.respirationWatts();
            double transpiredKg = Math.max(0, lot.massKg() * dt * spec.transpirationFactor()
                    * Transpiration.kgPerKgSecond(lot.commodity().transpirationCoefficient(), lot.celsius(), 1.0,
                    vapourPa));
            double carriedJ = transpiredKg * (LATENT_VAPORISATION + lot.commodity().specificHeat() * lot.celsius());
            ledger.respirationJ += respirationW * dt;
            ledger.transpiredKg += transpiredKg;
            lot.transpire(transpiredKg);
            // The water leaves with its sensible heat (booked by the mass change) and takes its latent heat along.
            lot.warm((respirationW - toAirW) * dt - transpiredKg * LATENT_VAPORISATION);
            lot.age(dt);
            airHeatW += toAirW + carriedJ / dt;
            airWaterKgPerS += transpiredKg / dt;
        }

        if (unit.fansOn()) {
            ledger.fansJ += unit.spec().fanW() * dt;
            airHeatW += unit.spec().fanW();
        }

        if (unit.compressorCooling()) {
            Evaporator.AirChange cooled = evaporator.cool(air, w, vapourKg, dt);
            airHeatW += cooled.heatW();
            airWaterKgPerS += cooled.waterKgPerS();
        }
        if (unit.heaterOn()) {
            airHeatW += evaporator.defrost(dt);
        }

        humidify(air, w, dt);
        if (humidifierOn) {
            double kgPerS = humidifier.kgPerHour() / 3600;
            double heatW = kgPerS * CP_WATER * air;
            ledger.humidifierWaterKg += kgPerS * dt;
            ledger.humidifierJ += heatW * dt;
            airHeatW += heatW;
            airWaterKgPerS += kgPerS;
        }

        airEnthalpyJ += airHeatW * dt;
        vapourKg = Math.max(0, vapourKg + airWaterKgPerS * dt);
        condenseSupersaturation();
        double doorTarget = doorOpen ? air + DOOR_ZONE_MIXING * (outsideCelsius - air) : air;
        doorZoneCelsius += (doorTarget - doorZoneCelsius) * (1 - Math.exp(-dt / DOOR_ZONE_TIME_CONSTANT));
        time = time.plusNanos((long) (dt * 1e9));
    }

    /**
     * Air cannot hold more than saturation: the excess condenses on walls and produce (its latent heat warms the air)
     * and runs off to the drain.
     */
    private void condenseSupersaturation() {
        double air = airCelsius();
        double saturatedKg = Psychrometrics.humidityRatio(Psychrometrics.saturationPressurePa(air)) * dryAirKg;
        if (vapourKg > saturatedKg) {
            double excessKg = vapourKg - saturatedKg;
            vapourKg = saturatedKg;
            airEnthalpyJ -= excessKg * CP_WATER * air;
            ledger.drainedWaterKg += excessKg;
            ledger.drainJ += excessKg * CP_WATER * air;
        }
    }

    private void humidify(double air, double w, double dt) {
        if (humidifier == null || humidifierFailed || !powered) {
            humidifierOn = false;
            return;
        }
        double rh = Psychrometrics.relativeHumidityPercent(air, w);
        if (rh < humidifier.targetPercent() - humidifier.bandPercent() / 2) {
            humidifierOn = true;
        } else if (rh > humidifier.targetPercent() + humidifier.bandPercent() / 2) {
            humidifierOn = false;
        }
    }

    /** Brings a lot in; its field heat is whatever its temperature is. */
    public void load(Lot lot) {
        if (lots.containsKey(lot.id())) {
            throw new IllegalArgumentException("lot " + lot.id() + " is already in the room");
        }
        lots.put(lot.id(), lot);
        ledger.inboundKg += lot.massKg();
        ledger.loadedJ += lot.energyJ();
    }

    /** Ships up to {@code kg} of sound produce of a lot; returns what left. */
    public double ship(String lotId, double kg) {
        Lot lot = lot(lotId);
        double perKgJ = lot.commodity().specificHeat() * lot.celsius();
        double shipped = lot.ship(kg);
        ledger.outboundKg += shipped;
        ledger.unloadedJ += shipped * perKgJ;
        return shipped;
    }

    /** Sorts the rotten produce out of a lot and discards it; returns the weight discarded. */
    public double discardRotten(String lotId) {
        Lot lot = lot(lotId);
        double perKgJ = lot.commodity().specificHeat() * lot.celsius();
        double discarded = lot.discardRotten();
        ledger.discardKg += discarded;
        ledger.unloadedJ += discarded * perKgJ;
        return discarded;
    }

    /** The lot with this id. */
    public Lot lot(String lotId) {
        Lot lot = lots.get(lotId);
        if (lot == null) {
            throw new IllegalArgumentException("no lot '" + lotId + "' in the room, lots: " + lots.keySet());
        }
        return lot;
    }

    /** Every lot, in loading order. */
    public List<Lot> lots() {
        return Collections.unmodifiableList(new ArrayList<>(lots.values()));
    }

    /** Room air temperature. */
    public double airCelsius() {
        double w = vapourKg / dryAirKg;
        return (airEnthalpyJ / dryAirKg - w * LATENT_VAPORISATION) / (CP_DRY_AIR + w * CP_VAPOUR);
    }

    /** Room air relative humidity (over water, as sensors report it), %. */
    public double relativeHumidityPercent() {
        return Psychrometrics.relativeHumidityPercent(airCelsius(), vapourKg / dryAirKg);
    }

    /** Air temperature near the door, which sees the outside air while the door is open. */
    public double doorZoneCelsius() {
        return doorZoneCelsius;
    }

    /** Outside temperature at the last step. */
    public double outsideCelsius() {
        return outsideCelsius;
    }

    /** Structure temperature. */
    public double structureCelsius() {
        return structureCelsius;
    }

    /** Frost on the coil, kg. */
    public double frostKg() {
        return evaporator.frostKg();
    }

    /** Whether the door is open. */
    public boolean doorOpen() {
        return doorOpen;
    }

    /** Opens or closes the door (for tests and manual control; overrides overlapping openings). */
    public void setDoorOpen(boolean open) {
        doorOpenings = open ? 1 : 0;
        doorOpen = open;
    }

    /** Someone opens the door; it stays open until every opener has closed it (openings can overlap). */
    public void openDoor() {
        doorOpenings++;
        doorOpen = true;
    }

    /** One opener closes the door. */
    public void closeDoor() {
        doorOpenings = Math.max(0, doorOpenings - 1);
        doorOpen = doorOpenings > 0;
    }

    /** Whether the room has mains power. */
    public boolean powered() {
        return powered;
    }

    /** Cuts or restores mains power (compressor, fans, heater, humidifier). */
    public void setPowered(boolean on) {
        powered = on;
        unit.setPowered(on);
    }

    /** Breaks or repairs the humidifier. */
    public void setHumidifierFailed(boolean failed) {
        humidifierFailed = failed;
    }

    /** Whether the humidifier is running. */
    public boolean humidifierOn() {
        return humidifierOn;
    }

    /** The refrigeration unit. */
    public RefrigerationUnit unit() {
        return unit;
    }

    /** Breaks or repairs the compressor. */
    public void setCompressorFailed(boolean failed) {
        unit.setCompressorFailed(failed);
    }

    /** Sticks or frees the defrost heater. */
    public void setDefrostHeaterStuck(boolean stuck) {
        unit.setHeaterStuck(stuck);
    }

    /** Changes the thermostat's set point. */
    public void setSetpoint(double celsius) {
        unit.setSetpoint(celsius);
    }

    /** The room's simulated time. */
    public Instant time() {
        return time;
    }

    /** The bookkeeping of every flow so far. */
    public Ledger ledger() {
        return ledger;
    }

    /** The room's specification. */
    public RoomSpec spec() {
        return spec;
    }

    /** Energy stored in air, structure, produce and frost, J, relative to the ledger's reference state. */
    public double storedEnergyJ() {
        double produce = lots.values().stream().mapToDouble(Lot::energyJ).sum();
        return airEnthalpyJ + spec.structureHeatCapacityJPerK() * structureCelsius + produce + evaporator.frostEnergyJ();
    }

    /** Water held as vapour in the air and as frost on the coil, kg. */
    public double storedWaterKg() {
        return vapourKg + evaporator.frostKg();
    }

    /** Produce on hand, kg. */
    public double produceKg() {
        return lots.values().stream().mapToDouble(Lot::massKg).sum();
    }
}
