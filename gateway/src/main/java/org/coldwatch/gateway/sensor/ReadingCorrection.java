package org.coldwatch.gateway.sensor;

import org.coldwatch.protocol.Reading;

/** Corrects a raw reading before it is checked and stored, e.g. a calibration offset. Must be quick and pure. */
@FunctionalInterface
public interface ReadingCorrection {

    /** No correction. */
    ReadingCorrection NONE = raw -> raw;

    /** @return the corrected reading (the same one if nothing applies) */
    Reading correct(Reading raw);
}
