package org.coldwatch.gateway.alarm;

import java.time.Instant;

/**
 * An alarm that is raised and not yet cleared.
 *
 * @param ruleId    the rule that raised it
 * @param sensorId  the sensor concerned
 * @param condition why
 * @param since     when it was raised
 * @param silenced  whether the silence button acknowledged it (the buzzer is off for it until it re-arms)
 */
public record ActiveAlarm(String ruleId, String sensorId, AlarmCondition condition, Instant since, boolean silenced) {
}
