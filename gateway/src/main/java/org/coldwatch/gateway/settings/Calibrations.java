package org.coldwatch.gateway.settings;

import java.util.Map;
import org.coldwatch.gateway.sensor.ReadingCorrection;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.settings.Calibration;

/**
 * The calibrations of the applied settings as a {@link ReadingCorrection}: {@code raw × scale + offset} for listed
 * sensors. Door contacts are states, not measurements, and are never corrected. A corrected value outside the kind's
 * plausible range is then dropped (and counted) by the intake's check like any implausible reading.
 */
public final class Calibrations implements ReadingCorrection {
    private final Map<String, Calibration> bySensor;

    /** @param bySensor sensor id → correction */
    public Calibrations(Map<String, Calibration> bySensor) {
        this.bySensor = Map.copyOf(bySensor);
    }

    @Override
    public Reading correct(Reading raw) {
        Calibration c = bySensor.get(raw.sensorId());
        if (c == null || raw.kind() == ReadingKind.DOOR) {
            return raw;
        }
        return new Reading(raw.sensorId(), raw.kind(), c.apply(raw.value()), raw.measuredAt());
    }
}
