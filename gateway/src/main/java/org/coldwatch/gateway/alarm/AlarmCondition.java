package org.coldwatch.gateway.alarm;

import java.util.Locale;

/** Why an alarm is raised. */
public enum AlarmCondition {
    /** The value stayed above the rule's threshold for its delay. */
    ABOVE,
    /** The value stayed below the rule's threshold for its delay. */
    BELOW,
    /** The sensor sent nothing for the rule's {@code noDataSeconds}. */
    NO_DATA;

    /** The name on the wire, e.g. {@code no_data}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
