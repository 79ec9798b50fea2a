package org.coldwatch.sim.sensor;

import org.coldwatch.protocol.ReadingKind;

/** What a simulated sensor channel looks at in the room. */
public enum Measurand {
    /** Room air temperature (return air or middle of the room). */
    AIR_TEMPERATURE(ReadingKind.TEMPERATURE),
    /** Room air relative humidity. */
    AIR_HUMIDITY(ReadingKind.HUMIDITY),
    /** Air temperature near the door, which sees outside air while the door is open. */
    DOOR_ZONE_TEMPERATURE(ReadingKind.TEMPERATURE),
    /** Core temperature of one lot of produce. */
    PRODUCE_TEMPERATURE(ReadingKind.TEMPERATURE),
    /** Weight on a load cell: the lots standing on it plus the tare of their bins. */
    WEIGHT(ReadingKind.WEIGHT),
    /** Door contact: 1 open, 0 closed. */
    DOOR(ReadingKind.DOOR),
    /** Outside air temperature (a probe outside the room, or the vehicle's). */
    OUTSIDE_TEMPERATURE(ReadingKind.TEMPERATURE);

    private final ReadingKind kind;

    Measurand(ReadingKind kind) {
        this.kind = kind;
    }

    /** The reading kind it reports as. */
    public ReadingKind kind() {
        return kind;
    }
}
