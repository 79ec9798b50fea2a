package org.coldwatch.sim.scenario;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;

/**
 * A simulation paced by a wall clock, for everything that reads a room "now": the demo's gateways, simulated bus
 * devices, CoAP nodes. Simulated time is {@code scenarioStart + speed × (wall − wallStart)}; each call first runs the
 * model up to that time. Thread-safe: every access holds the simulation's lock, and the model is cheap enough
 * (microseconds per 5-second step) that callers never wait long.
 *
 * <p>At speed 1 simulated time is wall time, so measurement times are real times. At higher speeds simulated time
 * runs ahead of the wall clock; a server will refuse readings from the future, so such runs either start the
 * scenario in the past or feed something that does not check time (a CSV file, a load test).
 */
public final class LiveSimulation {
    private final Simulation simulation;
    private final Clock wall;
    private final Instant wallStart;
    private final double speed;

    /**
     * @param scenario the scenario; it is moved to start at {@code simulatedStart}
     * @param simulatedStart where simulated time starts (e.g. {@code wall.instant()} for a real-time run)
     * @param speed    simulated seconds per wall second, ≥ 1
     * @param wall     the wall clock
     */
    public LiveSimulation(Scenario scenario, Instant simulatedStart, double speed, Clock wall) {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("speed must be ≥ 1, was " + speed);
        }
        Scenario moved = scenario.startingAt(simulatedStart, Scenarios.ambientFrom(scenario, simulatedStart));
        this.simulation = new Simulation(moved);
        this.wall = wall;
        this.wallStart = wall.instant();
        this.speed = speed;
    }

    /** A real-time run starting now. */
    public static LiveSimulation realTime(Scenario scenario, Clock wall) {
        return new LiveSimulation(scenario, wall.instant(), 1, wall);
    }

    /** Simulated time for the wall clock's now. */
    public Instant simulatedNow() {
        long wallNanos = Duration.between(wallStart, wall.instant()).toNanos();
        return simulation.scenario().start().plusNanos((long) (wallNanos * speed));
    }

    /** Runs the model up to now and returns one reading per answering sensor channel. */
    public synchronized List<Reading> read() {
        catchUp();
        return simulation.read();
    }

    /** Runs the model up to now and returns one channel's current value (as its device would show it). */
    public synchronized OptionalDouble value(String sensorId, ReadingKind kind) {
        catchUp();
        return simulation.channel(sensorId, kind).read(simulation.now());
    }

    /** Runs the model up to now and returns the room's true state. */
    public synchronized Sample sample() {
        catchUp();
        return Sample.of(simulation);
    }

    /** Runs the model up to now, then lets {@code action} look at or change the simulation under the lock. */
    public synchronized <T> T inspect(Function<Simulation, T> action) {
        catchUp();
        return action.apply(simulation);
    }

    private void catchUp() {
        Instant target = simulatedNow();
        if (target.isAfter(simulation.now())) {
            simulation.advanceTo(target);
        }
    }

    /** The scenario as it runs (moved to its simulated start). */
    public Scenario scenario() {
        return simulation.scenario();
    }

    /** Simulated seconds per wall second. */
    public double speed() {
        return speed;
    }
}
