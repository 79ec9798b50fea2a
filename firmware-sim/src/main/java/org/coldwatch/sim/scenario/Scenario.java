package org.coldwatch.sim.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.coldwatch.sim.room.Ambient;
import org.coldwatch.sim.room.HumidifierSpec;
import org.coldwatch.sim.room.RefrigerationSpec;
import org.coldwatch.sim.room.RoomSpec;

/**
 * A scenario, read and checked: a room, its produce and sensors, its outside air, and what happens when.
 *
 * @param name            file name without extension, e.g. {@code normal-week}
 * @param title           one line
 * @param description     what happens, for people
 * @param signature       what the scenario must show (its test checks exactly this)
 * @param start           when it starts
 * @param duration        how long it runs
 * @param seed            seed of every random draw (door routine, sensor noise)
 * @param zone            the store's time zone
 * @param gatewayId       the gateway the room's sensors belong to
 * @param room            the building
 * @param refrigeration   the refrigeration unit
 * @param humidifier      the humidifier, or null
 * @param ambient         outside air
 * @param initialCelsius  room and structure temperature at the start
 * @param initialRhPercent room relative humidity at the start
 * @param lots            produce in the room at the start
 * @param sensors         the sensors
 * @param doorRoutine     everyday door openings, or null
 * @param events          timed events
 */
public record Scenario(String name, String title, String description, String signature, Instant start,
                       Duration duration, long seed, ZoneId zone, String gatewayId, RoomSpec room,
                       RefrigerationSpec refrigeration, HumidifierSpec humidifier, Ambient ambient,
                       double initialCelsius, double initialRhPercent, List<LotSpec> lots, List<SensorSpec> sensors,
                       DoorRoutine doorRoutine, List<EventSpec> events) {

    public Scenario {
        lots = List.copyOf(lots);
        sensors = List.copyOf(sensors);
        events = List.copyOf(events);
    }

    /** When it ends. */
    public Instant end() {
        return start.plus(duration);
    }

    /** The same scenario with another seed. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, title, description, signature, start, duration, newSeed, zone, gatewayId, room,
                refrigeration, humidifier, ambient, initialCelsius, initialRhPercent, lots, sensors, doorRoutine,
                events);
    }

    /** The same scenario starting at another time (events keep their offsets from the start). */
    public Scenario startingAt(Instant newStart, Ambient newAmbient) {
        return new Scenario(name, title, description, signature, newStart, duration, seed, zone, gatewayId, room,
                refrigeration, humidifier, newAmbient, initialCelsius, initialRhPercent, lots, sensors, doorRoutine,
                events);
    }
}
