package org.coldwatch.gateway.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coldwatch.protocol.settings.AlarmRule;
import org.coldwatch.protocol.settings.GatewaySettings;

/**
 * The {@code alarm:} section of the gateway's config file (gateway/CONFIGURATION.md). Pins are BCM GPIO numbers,
 * 0–27 on the Raspberry Pi's 40-pin header (Raspberry Pi documentation, "GPIO and the 40-pin header").
 *
 * @param outputPin           buzzer/relay output; empty when none is wired
 * @param activeHigh          whether the output is HIGH when sounding
 * @param silencePin          silence button input; empty when none is wired
 * @param silenceActiveHigh   whether the pressed button reads HIGH (else LOW, with the internal pull-up)
 * @param resoundAfterSeconds how long a silenced alarm stays quiet while still raised
 * @param rules               the local alarm rules until the server sends its own
 */
public record AlarmSettings(Optional<Integer> outputPin, boolean activeHigh, Optional<Integer> silencePin,
                            boolean silenceActiveHigh, long resoundAfterSeconds, List<AlarmRule> rules) {

    /** Highest BCM GPIO number on the 40-pin header. */
    public static final int MAX_BCM_PIN = 27;

    /** No pins, no rules, re-sound after 30 minutes. */
    public static final AlarmSettings DEFAULT = new AlarmSettings(Optional.empty(), true, Optional.empty(), false,
            1800, List.of());

    public AlarmSettings {
        rules = List.copyOf(rules);
    }

    /** {@link #resoundAfterSeconds} as a duration. */
    public Duration resoundAfter() {
        return Duration.ofSeconds(resoundAfterSeconds);
    }

    /** What is wrong, each as {@code alarm.key: problem}; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        outputPin.filter(p -> p < 0 || p > MAX_BCM_PIN).ifPresent(p -> problems.add(
                "alarm.outputPin: must be a BCM GPIO number 0…" + MAX_BCM_PIN + ", was " + p));
        silencePin.filter(p -> p < 0 || p > MAX_BCM_PIN).ifPresent(p -> problems.add(
                "alarm.silencePin: must be a BCM GPIO number 0…" + MAX_BCM_PIN + ", was " + p));
        if (outputPin.isPresent() && outputPin.equals(silencePin)) {
            problems.add("alarm.silencePin: must differ from alarm.outputPin, both are " + outputPin.get());
        }
        if (resoundAfterSeconds < 1 || resoundAfterSeconds > 86_400) {
            problems.add("alarm.resoundAfterSeconds: must be 1…86400, was " + resoundAfterSeconds);
        }
        if (rules.size() > GatewaySettings.MAX_ALARM_RULES) {
            problems.add("alarm.rules: at most " + GatewaySettings.MAX_ALARM_RULES + " rules, were " + rules.size());
        }
        try {
            new AlarmRules(rules);
        } catch (IllegalArgumentException e) {
            problems.add("alarm.rules: " + e.getMessage());
        }
        return problems;
    }
}
