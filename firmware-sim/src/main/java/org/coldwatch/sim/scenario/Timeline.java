package org.coldwatch.sim.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.produce.ProduceCatalog;
import org.coldwatch.sim.room.Lot;
import org.coldwatch.sim.sensor.SensorChannel;

/** A scenario's events and door routine as timed actions on a simulation, in time order. */
final class Timeline {
    /** Longest everyday door opening; longer ones are scenario events. */
    private static final double MAX_ROUTINE_OPEN_MINUTES = 20;

    record Action(Instant at, long order, String description, Consumer<Simulation> effect) {
    }

    private Timeline() {
    }

    static PriorityQueue<Action> of(Scenario scenario) {
        PriorityQueue<Action> queue = new PriorityQueue<>(
                Comparator.comparing(Action::at).thenComparingLong(Action::order));
        long[] order = {0};
        for (EventSpec event : scenario.events()) {
            Instant at = scenario.start().plus(event.at());
            String description = event.type() + (event.sensor() != null ? " " + event.sensor() : "")
                    + (event.lot() != null ? " " + event.lot() : "")
                    + (event.lasting() != null ? " for " + event.lasting() : "");
            queue.add(new Action(at, order[0]++, description, start(event)));
            if (event.lasting() != null) {
                queue.add(new Action(at.plus(event.lasting()), order[0]++, event.type() + " ends", end(event)));
            }
        }
        if (scenario.doorRoutine() != null) {
            routine(scenario, queue, order);
        }
        return queue;
    }

    private static void routine(Scenario scenario, PriorityQueue<Action> queue, long[] order) {
        DoorRoutine routine = scenario.doorRoutine();
        SplittableRandom random = new SplittableRandom(scenario.seed());
        ZonedDateTime day = scenario.start().atZone(scenario.zone()).toLocalDate().atStartOfDay(scenario.zone());
        while (day.toInstant().isBefore(scenario.end())) {
            int openings = poisson(random, routine.perDay());
            for (int i = 0; i < openings; i++) {
                double hour = routine.fromHour() + random.nextDouble() * (routine.toHour() - routine.fromHour());
                Instant at = day.toInstant().plusMillis((long) (hour * 3_600_000));
                double minutes = Math.min(MAX_ROUTINE_OPEN_MINUTES,
                        -routine.meanOpenMinutes() * Math.log(1 - random.nextDouble()));
                if (at.isBefore(scenario.start()) || !at.isBefore(scenario.end())) {
                    continue;
                }
                Duration open = Duration.ofMillis((long) (minutes * 60_000));
                queue.add(new Action(at, order[0]++, "door opened for work, " + open, s -> s.room().openDoor()));
                queue.add(new Action(at.plus(open), order[0]++, "door closed", s -> s.room().closeDoor()));
            }
            day = day.plusDays(1);
        }
    }

    /** Knuth's method; fine for the handful of openings a day. */
    private static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    private static Consumer<Simulation> start(EventSpec e) {
        return switch (e.type()) {
            case "door-open" -> s -> s.room().openDoor();
            case "compressor-failure" -> s -> s.room().setCompressorFailed(true);
            case "power-cut" -> s -> {
                s.room().setPowered(false);
                if ("off".equals(e.gateway())) {
                    s.setGatewayPowered(false);
                }
            };
            case "defrost-heater-stuck" -> s -> s.room().setDefrostHeaterStuck(true);
            case "humidifier-failure" -> s -> s.room().setHumidifierFailed(true);
            case "inbound" -> s -> s.room().load(new Lot(e.lot(), ProduceCatalog.standard().get(e.commodity()),
                    e.massKg(), e.celsius() == null ? s.room().outsideCelsius() : e.celsius()));
            case "outbound" -> s -> s.room().ship(e.lot(), e.massKg());
            case "discard-rotten" -> s -> s.room().discardRotten(e.lot());
            case "sensor-stuck" -> s -> channels(s, e).forEach(c -> c.setStuck(true));
            case "sensor-dropout" -> s -> channels(s, e).forEach(c -> c.setDroppedOut(true));
            case "sensor-drift" -> s -> channels(s, e).forEach(c -> c.startDrift(e.perDay(), s.now()));
            case "sensor-offset" -> s -> channels(s, e).forEach(c -> c.setOffset(e.offset()));
            case "network-outage" -> s -> s.setNetworkUp(false);
            case "setpoint" -> s -> s.room().setSetpoint(e.celsius());
            default -> throw new IllegalArgumentException("event type " + e.type());
        };
    }

    private static Consumer<Simulation> end(EventSpec e) {
        return switch (e.type()) {
            case "door-open" -> s -> s.room().closeDoor();
            case "compressor-failure" -> s -> s.room().setCompressorFailed(false);
            case "power-cut" -> s -> {
                s.room().setPowered(true);
                s.setGatewayPowered(true);
            };
            case "defrost-heater-stuck" -> s -> s.room().setDefrostHeaterStuck(false);
            case "humidifier-failure" -> s -> s.room().setHumidifierFailed(false);
            case "sensor-stuck" -> s -> channels(s, e).forEach(c -> c.setStuck(false));
            case "sensor-dropout" -> s -> channels(s, e).forEach(c -> c.setDroppedOut(false));
            case "sensor-drift" -> s -> channels(s, e).forEach(c -> c.stopDrift(s.now()));
            case "network-outage" -> s -> s.setNetworkUp(true);
            default -> throw new IllegalArgumentException("event '" + e.type() + "' cannot have 'for'");
        };
    }

    private static List<SensorChannel> channels(Simulation s, EventSpec e) {
        if (e.channels() == null || e.channels().isEmpty()) {
            return s.channels(e.sensor());
        }
        return e.channels().stream().map(kind -> s.channel(e.sensor(), ReadingKind.fromWireName(kind)
                .orElseThrow(() -> new IllegalArgumentException("unknown channel kind '" + kind + "'")))).toList();
    }
}
