package org.coldwatch.sim.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.room.ColdRoom;
import org.coldwatch.sim.room.Lot;
import org.coldwatch.sim.produce.ProduceCatalog;
import org.coldwatch.sim.sensor.SensorChannel;

/**
 * A scenario running on a virtual clock: the room stepped in fixed steps of {@link #STEP_SECONDS}, the sensors
 * tracking it, and the scenario's events applied at their times. Nothing here reads the system clock, so a week runs
 * in well under a second and the same seed gives the same run.
 *
 * <p>Not thread-safe: one thread drives it ({@link LiveSimulation} adds the locking and wall-clock pacing).
 */
public final class Simulation {
    /** The model's time step, s. */
    public static final double STEP_SECONDS = 5;

    private final Scenario scenario;
    private final ColdRoom room;
    private final Map<String, List<SensorChannel>> channelsBySensor;
    private final List<SensorChannel> channels;
    private final PriorityQueue<Timeline.Action> timeline;
    private final List<Happening> happenings = new ArrayList<>();
    private Instant now;
    private boolean networkUp = true;
    private boolean gatewayPowered = true;

    /**
     * Something that happened in the room, for logs and reports.
     *
     * @param at   when
     * @param what what, e.g. {@code door-open for PT3H}
     */
    public record Happening(Instant at, String what) {
    }

    /** Sets the scenario's room up at its start time. */
    public Simulation(Scenario scenario) {
        this.scenario = scenario;
        this.now = scenario.start();
        this.room = new ColdRoom(scenario.room(), scenario.refrigeration(), scenario.humidifier(),
                scenario.ambient(), scenario.start(), scenario.initialCelsius(), scenario.initialRhPercent());
        for (LotSpec lot : scenario.lots()) {
            room.load(new Lot(lot.id(), ProduceCatalog.standard().get(lot.commodity()), lot.massKg(),
                    lot.celsius() == null ? scenario.initialCelsius() : lot.celsius()));
        }
        this.channelsBySensor = Channels.build(scenario);
        List<SensorChannel> all = new ArrayList<>();
        channelsBySensor.values().forEach(all::addAll);
        this.channels = Collections.unmodifiableList(all);
        this.timeline = Timeline.of(scenario);
        channels.forEach(c -> c.track(room, 0));
        applyDue();
    }

    /** Runs the model forward to {@code target}; events due on the way are applied at their times. */
    public void advanceTo(Instant target) {
        while (now.isBefore(target)) {
            Instant next = target;
            if (!timeline.isEmpty() && timeline.peek().at().isBefore(next)) {
                next = timeline.peek().at();
            }
            double remaining = Duration.between(now, next).toNanos() / 1e9;
            while (remaining > 1e-9) {
                double dt = Math.min(STEP_SECONDS, remaining);
                room.step(dt);
                for (SensorChannel channel : channels) {
                    channel.track(room, dt);
                }
                remaining -= dt;
            }
            now = next;
            applyDue();
        }
    }

    /**
     * Runs to {@code end}, handing the simulation to {@code sampler} every {@code period} (and at the start).
     */
    public void run(Instant end, Duration period, Consumer<Simulation> sampler) {
        sampler.accept(this);
        for (Instant t = now.plus(period); !t.isAfter(end); t = t.plus(period)) {
            advanceTo(t);
            sampler.accept(this);
        }
        advanceTo(end);
    }

    /** Runs the whole scenario, sampling every {@code period}. */
    public void runToEnd(Duration period, Consumer<Simulation> sampler) {
        run(scenario.end(), period, sampler);
    }

    private void applyDue() {
        while (!timeline.isEmpty() && !timeline.peek().at().isAfter(now)) {
            Timeline.Action action = timeline.poll();
            action.effect().accept(this);
            happenings.add(new Happening(action.at(), action.description()));
        }
    }

    /**
     * One reading from every sensor channel that answers now, as the gateway would take them; nothing while the
     * gateway has no power.
     */
    public List<Reading> read() {
        List<Reading> readings = new ArrayList<>();
        if (!gatewayPowered) {
            return readings;
        }
        for (SensorChannel channel : channels) {
            OptionalDouble value = channel.read(now);
            if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
                readings.add(Reading.of(channel.sensorId(), channel.kind(), value.getAsDouble(), now));
            }
        }
        return readings;
    }

    /** The channel of {@code sensorId} reporting {@code kind}. */
    public SensorChannel channel(String sensorId, ReadingKind kind) {
        for (SensorChannel channel : channelsBySensor.getOrDefault(sensorId, List.of())) {
            if (channel.kind() == kind) {
                return channel;
            }
        }
        throw new IllegalArgumentException("no sensor '" + sensorId + "' reporting " + kind.wireName());
    }

    /** The channels of one sensor (two for a temperature-and-humidity sensor). */
    public List<SensorChannel> channels(String sensorId) {
        List<SensorChannel> found = channelsBySensor.get(sensorId);
        if (found == null) {
            throw new IllegalArgumentException("no sensor '" + sensorId + "', sensors: " + channelsBySensor.keySet());
        }
        return found;
    }

    /** Every channel, in scenario order. */
    public List<SensorChannel> channels() {
        return channels;
    }

    /** The simulated time. */
    public Instant now() {
        return now;
    }

    /** The room. */
    public ColdRoom room() {
        return room;
    }

    /** The scenario. */
    public Scenario scenario() {
        return scenario;
    }

    /** Whether the store's uplink works (a network-outage event turns it off). */
    public boolean networkUp() {
        return networkUp;
    }

    /** Whether the gateway has power (mains, or its battery during a power cut). */
    public boolean gatewayPowered() {
        return gatewayPowered;
    }

    /** What has happened so far. */
    public List<Happening> happenings() {
        return Collections.unmodifiableList(happenings);
    }

    void setNetworkUp(boolean up) {
        networkUp = up;
    }

    void setGatewayPowered(boolean on) {
        gatewayPowered = on;
    }

    /** Sensor ids in scenario order. */
    public List<String> sensorIds() {
        return List.copyOf(channelsBySensor.keySet());
    }
}
