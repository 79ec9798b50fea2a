package org.coldwatch.sim.scenario;

/**
 * Everyday door openings: on average {@code perDay} openings between {@code fromHour} and {@code toHour} local time,
 * each lasting an exponentially distributed time with mean {@code meanOpenMinutes}, placed by the scenario's seed.
 *
 * @param perDay          mean openings per day (Poisson)
 * @param meanOpenMinutes mean time the door stays open
 * @param fromHour        first working hour
 * @param toHour          end of the working day
 */
public record DoorRoutine(double perDay, double meanOpenMinutes, int fromHour, int toHour) {
    public DoorRoutine {
        if (perDay < 0 || meanOpenMinutes <= 0 || fromHour < 0 || toHour > 24 || fromHour >= toHour) {
            throw new IllegalArgumentException("door routine: perDay ≥ 0, meanOpenMinutes > 0, 0 ≤ fromHour < toHour ≤ 24");
        }
    }
}
