package org.coldwatch.sim.room;

import java.time.Instant;

/** The air outside the room's door and walls. */
public interface Ambient {

    /** Outside air temperature at {@code time}. */
    double celsius(Instant time);

    /** Outside relative humidity at {@code time}, %. */
    double relativeHumidityPercent(Instant time);
}
