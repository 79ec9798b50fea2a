package org.coldwatch.sim.room;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The changing outside air of a mobile cold store on the road: a sequence of legs, each with its own conditions,
 * with a linear transition over the first 30 minutes of each leg (a truck does not jump from a shaded yard into
 * noon sun). After the last leg its conditions hold.
 *
 * @param start when the first leg starts
 * @param legs  the legs in order
 */
public record RouteAmbient(Instant start, List<Leg> legs) implements Ambient {
    private static final double TRANSITION_SECONDS = 1800;

    /**
     * One leg of the trip.
     *
     * @param name       what it is, e.g. {@code highway, noon sun}
     * @param duration   how long it lasts
     * @param celsius    outside temperature
     * @param relativeHumidityPercent outside relative humidity
     */
    public record Leg(String name, Duration duration, double celsius, double relativeHumidityPercent) {
    }

    public RouteAmbient {
        legs = List.copyOf(legs);
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one leg");
        }
    }

    @Override
    public double celsius(Instant time) {
        return interpolate(time, true);
    }

    @Override
    public double relativeHumidityPercent(Instant time) {
        return interpolate(time, false);
    }

    /** The leg in effect at {@code time}. */
    public Leg legAt(Instant time) {
        return legs.get(legIndex(time));
    }

    private int legIndex(Instant time) {
        Instant legStart = start;
        for (int i = 0; i < legs.size(); i++) {
            Instant legEnd = legStart.plus(legs.get(i).duration());
            if (time.isBefore(legEnd)) {
                return i;
            }
            legStart = legEnd;
        }
        return legs.size() - 1;
    }

    private double interpolate(Instant time, boolean temperature) {
        int i = legIndex(time);
        Leg leg = legs.get(i);
        double value = temperature ? leg.celsius() : leg.relativeHumidityPercent();
        if (i == 0) {
            return value;
        }
        Instant legStart = start;
        for (int j = 0; j < i; j++) {
            legStart = legStart.plus(legs.get(j).duration());
        }
        double into = Duration.between(legStart, time).toMillis() / 1000.0;
        if (into >= TRANSITION_SECONDS) {
            return value;
        }
        Leg previous = legs.get(i - 1);
        double from = temperature ? previous.celsius() : previous.relativeHumidityPercent();
        return from + (value - from) * Math.max(0, into) / TRANSITION_SECONDS;
    }
}
