package org.coldwatch.sim.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.time.Instant;
import org.coldwatch.sim.physics.DoorwayInfiltration;
import org.coldwatch.sim.physics.Psychrometrics;
import org.coldwatch.sim.produce.ProduceCatalog;
import org.coldwatch.sim.scenario.ScenarioLoader;
import org.coldwatch.sim.scenario.Simulation;
import org.junit.jupiter.api.Test;

/** The room model's physics: balances, shrink, infiltration and thermostat cycling. */
class ColdRoomTest {
    static final Instant START = Instant.parse("2026-10-05T00:00:00Z");

    /** Constant outside air, so a test sees only the process it looks at. */
    record Steady(double celsius, double rh) implements Ambient {
        @Override
        public double celsius(Instant time) {
            return celsius;
        }

        @Override
        public double relativeHumidityPercent(Instant time) {
            return rh;
        }
    }

    static RefrigerationSpec noDefrost(double setpoint) {
        RefrigerationSpec s = RefrigerationSpec.standard();
        return new RefrigerationSpec(s.capacityW(), setpoint, s.differentialK(), s.coilTemperatureDifferenceK(),
                s.coilAirflowM3PerS(), s.coilBypassFactor(), s.fanW(), s.minRunSeconds(), s.minOffSeconds(), 0, 0,
                s.defrostHeaterW());
    }

    @Test
    void energyWaterAndProduceBalancesCloseOverASimulatedWeek() {
        // GIVEN the normal week: thermostat, defrosts, door routine, humidifier, an outbound and a discard
        Simulation sim = new Simulation(ScenarioLoader.builtIn("normal-week"));
        ColdRoom room = sim.room();
        double energyBefore = room.storedEnergyJ() - room.ledger().netEnergyJ();
        double waterBefore = room.storedWaterKg() - room.ledger().netWaterKg() + room.ledger().transpiredKg();

        // WHEN it runs for seven simulated days
        sim.advanceTo(sim.scenario().end());

        // THEN stored energy and water changed by exactly what the ledger booked across the boundary
        Ledger ledger = room.ledger();
        double throughput = ledger.envelopeJ() + ledger.infiltrationJ() + ledger.respirationJ() + ledger.fansJ()
                + ledger.heaterJ() + ledger.refrigerationJ();
        assertThat(room.storedEnergyJ() - energyBefore).isCloseTo(ledger.netEnergyJ(), within(1e-9 * throughput));
        assertThat(room.storedWaterKg() - waterBefore).isCloseTo(ledger.netWaterKg(), within(1e-9));
        assertThat(room.produceKg()).isCloseTo(ledger.inboundKg() - ledger.outboundKg() - ledger.discardKg()
                - ledger.transpiredKg(), within(1e-6));
        // and every flow was really exercised
        assertThat(ledger.outboundKg()).isEqualTo(2000);
        assertThat(ledger.discardKg()).isPositive();
        assertThat(ledger.infiltrationJ()).isPositive();
        assertThat(ledger.humidifierWaterKg()).isPositive();
        assertThat(ledger.coilWaterKg()).isPositive();
        assertThat(room.unit().defrosts()).isEqualTo(20); // every 8 h, the first after 8 h
    }

    /**
     * DOMAIN.md worked check, now through the room model: an apple lot (k_t 42 mg/(kg·s·MPa)) at 0 °C in air at
     * 0 °C and 90 % RH loses about 0.022 %/day. Measured over one minute so the room air hardly changes.
     */
    @Test
    void appleLotAtZeroDegreesAndNinetyPercentLosesAbout0022PercentADay() {
        ColdRoom room = new ColdRoom(RoomSpec.villageStore(), noDefrost(10), null, new Steady(0, 90), START, 0, 90);
        room.load(new Lot("apples", ProduceCatalog.standard().get("apple"), 10_000, 0));
        for (int i = 0; i < 12; i++) {
            room.step(5);
        }
        double lostPercentPerDay = (10_000 - room.lot("apples").massKg()) / 10_000 * 100 * 1440;
        assertThat(lostPercentPerDay).isCloseTo(0.022, withPercentage(5));
    }

    /**
     * An empty room at 0 °C with its door held open to 25 °C air and no cooling warms as the Gosney–Olama exchange
     * says: at first by ṁ·c_p·ΔT over the air's heat capacity; and over an hour the enthalpy the ledger books equals
     * the formula evaluated along the room's own trajectory.
     */
    @Test
    void roomWithTheDoorHeldOpenWarmsAtTheInfiltrationModelsRate() {
        RoomSpec spec = RoomSpec.villageStore();
        ColdRoom room = new ColdRoom(spec, noDefrost(0), null, new Steady(25, 50), START, 0, 90);
        room.setCompressorFailed(true);
        room.setDoorOpen(true);
        double exchange = DoorwayInfiltration.dryAirKgPerSecond(spec.doorAreaM2(), spec.doorHeightM(), 0, 25,
                spec.doorFlowFactor(), 0);
        double airHeatCapacity = Psychrometrics.dryAirDensity(0) * spec.volumeM3() * Psychrometrics.CP_DRY_AIR;
        double fanW = RefrigerationSpec.standard().fanW();
        double envelopeW = spec.envelopeUValue() * spec.envelopeAreaM2() * 25;
        double expectedKPerS = (exchange * Psychrometrics.CP_DRY_AIR * 25 + fanW + envelopeW) / airHeatCapacity;

        room.step(1);
        assertThat(room.airCelsius() / 1.0).isCloseTo(expectedKPerS, withPercentage(3));

        double formulaJ = 0;
        for (int i = 0; i < 3600; i++) {
            double air = room.airCelsius();
            double w = Psychrometrics.humidityRatio(air, room.relativeHumidityPercent());
            double outsideW = Psychrometrics.humidityRatio(25, 50);
            formulaJ += DoorwayInfiltration.dryAirKgPerSecond(spec.doorAreaM2(), spec.doorHeightM(), air, 25,
                    spec.doorFlowFactor(), 0) * (Psychrometrics.enthalpy(25, outsideW) - Psychrometrics.enthalpy(air, w));
            room.step(1);
        }
        assertThat(room.ledger().infiltrationJ()).isCloseTo(formulaJ, withPercentage(1));
        assertThat(room.airCelsius()).isBetween(10.0, 25.0);
    }

    /**
     * With steady outside air and no door or defrost, the thermostat cycles: the duty cycle times the capacity equals
     * the mean heat load (energy balance), the period lies between 10 minutes and 3 hours for a 2 K differential
     * and 3-minute anti-short-cycle timers, and the air stays within the differential plus a little overshoot.
     */
    @Test
    void thermostatCyclingPeriodAndDutyArePlausibleForTheCapacity() {
        ColdRoom room = new ColdRoom(RoomSpec.villageStore(), noDefrost(0.5), null, new Steady(20, 60), START, 0.5,
                90);
        room.load(new Lot("apples", ProduceCatalog.standard().get("apple"), 12_000, 0.5));
        for (int i = 0; i < 17_280; i++) {
            room.step(5); // one day to settle
        }
        long startsBefore = room.unit().starts();
        double runBefore = room.unit().compressorRunSeconds();
        Ledger ledger = room.ledger();
        double loadBefore = ledger.envelopeJ() + ledger.respirationJ() + ledger.fansJ();
        double refrigerationBefore = ledger.refrigerationJ();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < 2 * 17_280; i++) {
            room.step(5);
            min = Math.min(min, room.airCelsius());
            max = Math.max(max, room.airCelsius());
        }
        double seconds = 2 * 86_400.0;
        long starts = room.unit().starts() - startsBefore;
        double duty = (room.unit().compressorRunSeconds() - runBefore) / seconds;
        double meanLoadW = (ledger.envelopeJ() + ledger.respirationJ() + ledger.fansJ() - loadBefore) / seconds;
        double periodMinutes = seconds / starts / 60;

        assertThat(duty * RefrigerationSpec.standard().capacityW()).isCloseTo(meanLoadW, withPercentage(5));
        assertThat((ledger.refrigerationJ() - refrigerationBefore) / seconds).isCloseTo(meanLoadW,
                withPercentage(5));
        assertThat(duty).isBetween(0.15, 0.7);
        assertThat(periodMinutes).isBetween(10.0, 180.0);
        assertThat(max - min).isBetween(1.5, 4.0);
    }
}
