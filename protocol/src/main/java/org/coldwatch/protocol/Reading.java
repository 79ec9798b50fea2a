package org.coldwatch.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * One measurement taken by one sensor at one moment of the gateway's clock.
 *
 * @param sensorId   the sensor's id, unique within its gateway (see {@link Limits#ID_PATTERN})
 * @param kind       what was measured; fixes the unit
 * @param value      the measured value in {@code kind.unit()}
 * @param measuredAt  when the gateway took the reading (its own clock, not the server's arrival time)
 * @param timeQuality whether {@code measuredAt} came from a synchronised clock, was corrected later, or is unsynced
 */
public record Reading(String sensorId, ReadingKind kind, double value, Instant measuredAt, TimeQuality timeQuality) {

    public Reading {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(measuredAt, "measuredAt");
        Objects.requireNonNull(timeQuality, "timeQuality");
    }

    /** A reading taken with a synchronised clock. */
    public Reading(String sensorId, ReadingKind kind, double value, Instant measuredAt) {
        this(sensorId, kind, value, measuredAt, TimeQuality.SYNCED);
    }

    /** A reading; validation against the wire limits happens in {@link TelemetryCodec}. */
    public static Reading of(String sensorId, ReadingKind kind, double value, Instant measuredAt) {
        return new Reading(sensorId, kind, value, measuredAt);
    }

    /** This reading with its time quality replaced. */
    public Reading withTimeQuality(TimeQuality quality) {
        return new Reading(sensorId, kind, value, measuredAt, quality);
    }

    /** The unit this reading's value is expressed in. */
    public String unit() {
        return kind.unit();
    }
}
