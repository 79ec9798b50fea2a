package org.coldwatch.gateway.alarm;

import java.util.List;

/**
 * The local alarm as health and status show it.
 *
 * @param sounding  whether the output is on
 * @param active    alarms raised and not cleared
 * @param ruleCount rules in force
 */
public record AlarmState(boolean sounding, List<ActiveAlarm> active, int ruleCount) {
    public AlarmState {
        active = List.copyOf(active);
    }
}
