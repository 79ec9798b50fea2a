package org.coldwatch.gateway.outbox;

import java.util.Optional;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.Reading;

/**
 * The wire contract's rules for a single reading, checked before a reading enters the outbox: one bad reading must
 * not make the server refuse (and the gateway quarantine) a whole batch of good ones.
 */
public final class ReadingCheck {
    private ReadingCheck() {
    }

    /** What is wrong with {@code reading} under wire contract v1, naming the field; empty if nothing. */
    public static Optional<String> problem(Reading reading) {
        if (!Limits.isValidId(reading.sensorId())) {
            return Optional.of("sensor: '" + reading.sensorId() + "' is not a valid id");
        }
        if (!Double.isFinite(reading.value())) {
            return Optional.of("value: " + reading.value() + " is not a finite number (sensor "
                    + reading.sensorId() + ")");
        }
        if (!reading.kind().isPlausible(reading.value())) {
            return Optional.of("value: " + reading.value() + " " + reading.unit() + " is outside the plausible range "
                    + reading.kind().min() + "…" + reading.kind().max() + " for " + reading.kind().wireName()
                    + " (sensor " + reading.sensorId() + ")");
        }
        if (reading.measuredAt().toEpochMilli() < 0) {
            return Optional.of("measuredAt: " + reading.measuredAt() + " is before 1970 (sensor "
                    + reading.sensorId() + ")");
        }
        return Optional.empty();
    }
}
