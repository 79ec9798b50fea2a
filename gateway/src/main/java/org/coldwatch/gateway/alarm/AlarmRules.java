package org.coldwatch.gateway.alarm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.settings.AlarmRule;

/**
 * An immutable set of local alarm rules with unique ids, from the config file or from the server's settings.
 *
 * @param rules in the order given
 */
public record AlarmRules(List<AlarmRule> rules) {

    /** No rules: the alarm never sounds. */
    public static final AlarmRules NONE = new AlarmRules(List.of());

    /** @throws IllegalArgumentException if two rules share an id */
    public AlarmRules {
        rules = List.copyOf(rules);
        Set<String> ids = new HashSet<>();
        for (AlarmRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("rule id '" + rule.id() + "' is used twice");
            }
        }
    }

    /** The rules a reading of {@code sensorId} and {@code kind} falls under. */
    public List<AlarmRule> matching(String sensorId, ReadingKind kind) {
        List<AlarmRule> matching = new ArrayList<>(2);
        for (AlarmRule rule : rules) {
            if (rule.matches(sensorId, kind)) {
                matching.add(rule);
            }
        }
        return matching;
    }

    /** Whether there are no rules. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
