package org.coldwatch.sim.scenario;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coldwatch.sim.room.ColdRoom;
import org.coldwatch.sim.room.Lot;

/**
 * The true state of a simulated room at one moment, for traces, tests and the {@code run} command's CSV output.
 *
 * @param at                 simulated time
 * @param airCelsius         room air
 * @param relativeHumidityPercent room air
 * @param doorZoneCelsius    air near the door
 * @param outsideCelsius     outside air
 * @param doorOpen           door state
 * @param compressorCalled   the thermostat has the compressor switched on
 * @param compressorCooling  the compressor actually cools
 * @param heaterOn           defrost heater on
 * @param humidifierOn       humidifier on
 * @param powered            mains power
 * @param networkUp          uplink available
 * @param gatewayPowered     gateway running
 * @param lotCelsius         core temperature per lot
 * @param lotKg              weight on hand per lot
 */
public record Sample(Instant at, double airCelsius, double relativeHumidityPercent, double doorZoneCelsius,
                     double outsideCelsius, boolean doorOpen, boolean compressorCalled, boolean compressorCooling,
                     boolean heaterOn, boolean humidifierOn, boolean powered, boolean networkUp,
                     boolean gatewayPowered, Map<String, Double> lotCelsius, Map<String, Double> lotKg) {

    /** Takes the sample from a simulation. */
    public static Sample of(Simulation sim) {
        ColdRoom room = sim.room();
        Map<String, Double> celsius = new LinkedHashMap<>();
        Map<String, Double> kg = new LinkedHashMap<>();
        for (Lot lot : room.lots()) {
            celsius.put(lot.id(), lot.celsius());
            kg.put(lot.id(), lot.massKg());
        }
        return new Sample(sim.now(), room.airCelsius(), room.relativeHumidityPercent(), room.doorZoneCelsius(),
                room.outsideCelsius(), room.doorOpen(), room.unit().compressorCalled(),
                room.unit().compressorCooling(), room.unit().heaterOn(), room.humidifierOn(), room.powered(),
                sim.networkUp(), sim.gatewayPowered(), Map.copyOf(celsius), Map.copyOf(kg));
    }
}
