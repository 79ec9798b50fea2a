package org.coldwatch.gateway.alarm;

import java.time.Instant;
import java.util.Optional;

/**
 * A change of the local alarm's state, logged and published on the gateway's {@code events} topic.
 *
 * @param type      what happened
 * @param ruleId    the rule concerned
 * @param sensorId  the sensor concerned
 * @param condition above, below or no data
 * @param value     the value that caused it, in the kind's unit; empty for no-data and silence events
 * @param at        when (the gateway's clock)
 */
public record AlarmEvent(Type type, String ruleId, String sensorId, AlarmCondition condition, Optional<Double> value,
                         Instant at) {

    /** Kinds of change. */
    public enum Type {
        /** The condition held for the rule's delay: the buzzer sounds. */
        RAISED,
        /** The value came back past the hysteresis band, data arrived again, or the rule was removed. */
        CLEARED,
        /** Someone pressed the silence button. */
        SILENCED,
        /** A silenced alarm was still active after {@code resoundAfter}: the buzzer sounds again. */
        RESOUNDED
    }
}
