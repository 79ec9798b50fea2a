package org.coldwatch.sim.scenario;

import java.time.Instant;
import org.coldwatch.sim.room.Ambient;
import org.coldwatch.sim.room.RouteAmbient;

/** Small helpers for moving scenarios in time. */
final class Scenarios {
    private Scenarios() {
    }

    /**
     * The scenario's outside air for a run that starts at {@code newStart}: a climate is a function of the calendar
     * and stays as it is; a route is relative to the trip's start and moves with it.
     */
    static Ambient ambientFrom(Scenario scenario, Instant newStart) {
        if (scenario.ambient() instanceof RouteAmbient route) {
            return new RouteAmbient(newStart, route.legs());
        }
        return scenario.ambient();
    }
}
