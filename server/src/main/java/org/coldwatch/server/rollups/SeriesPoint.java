package org.coldwatch.server.rollups;

import java.time.Instant;

/**
 * One reading of a series, as the rollups see it.
 *
 * @param measuredAt the gateway's measurement time
 * @param value      the value in the series kind's unit
 */
public record SeriesPoint(Instant measuredAt, double value) {
}
