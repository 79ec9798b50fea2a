package org.coldwatch.sim.scenario;

/**
 * A lot in the room when the scenario starts.
 *
 * @param id        lot id
 * @param commodity catalog id, e.g. {@code apple}
 * @param massKg    weight
 * @param celsius   its temperature at the start (defaults to the room's)
 */
public record LotSpec(String id, String commodity, double massKg, Double celsius) {
}
