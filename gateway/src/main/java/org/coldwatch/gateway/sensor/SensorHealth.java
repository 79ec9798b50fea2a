package org.coldwatch.gateway.sensor;

import java.time.Instant;
import java.util.Optional;

/**
 * How one configured sensor is doing, for health reports and {@code selftest}.
 *
 * @param id         the sensor's id from the configuration
 * @param kind       its kind, e.g. {@code sht3x}
 * @param state      the result of its last read ({@link SensorState#OK} before the first read)
 * @param detail     why it is not ok, or extra facts (e.g. the last door-open duration); empty if none
 * @param lastGoodAt when it last produced a plausible reading; empty if never
 */
public record SensorHealth(String id, String kind, SensorState state, String detail, Optional<Instant> lastGoodAt) {
}
