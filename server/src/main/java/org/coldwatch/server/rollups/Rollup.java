package org.coldwatch.server.rollups;

import java.time.OffsetDateTime;

/**
 * One stored bucket of one series.
 *
 * @param series     the series
 * @param resolution the bucket's width
 * @param start      the bucket's start, with the local offset it had in the store's zone
 * @param stats      what the bucket's readings add up to
 */
public record Rollup(SeriesKey series, Resolution resolution, OffsetDateTime start, RollupStats stats) {
}
