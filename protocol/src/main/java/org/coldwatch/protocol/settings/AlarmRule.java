package org.coldwatch.protocol.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.ReadingKind;

/**
 * One local alarm rule, as the gateway's config file and the server's settings carry it: a sensor (or every sensor
 * whose id starts with a prefix, e.g. all probes of one room named {@code room2-*}), a reading kind, and a threshold
 * the value must stay {@code above} or {@code below} — exactly one of the two — for {@code delaySeconds} before the
 * alarm sounds. It clears once the value is back past the threshold by {@code hysteresis}. When
 * {@code noDataSeconds} is positive, a matching sensor that sends nothing for that long raises a "no data" alarm.
 *
 * @param id            names the rule in events and logs; unique within a rule set
 * @param sensor        a sensor id, a prefix ending in {@code *}, or {@code *} for every sensor of {@code kind}
 * @param kind          the reading kind watched; thresholds are in its unit
 * @param above         alarm when the value is above this, or null
 * @param below         alarm when the value is below this, or null
 * @param delaySeconds  how long the condition must hold continuously before alarming (0 = at once)
 * @param hysteresis    how far back past the threshold the value must come to clear, in the kind's unit
 * @param noDataSeconds silence after which a matching sensor raises "no data" (0 = off)
 */
public record AlarmRule(String id, String sensor, ReadingKind kind, Double above, Double below, long delaySeconds,
                        double hysteresis, long noDataSeconds) {

    /** Longest delay and no-data time accepted: one week. */
    public static final long MAX_SECONDS = 7 * 24 * 3600;

    /** Validates every field; the message lists each problem as {@code field: problem}, separated by {@code ; }. */
    public AlarmRule {
        List<String> problems = problems(id, sensor, kind, above, below, delaySeconds, hysteresis, noDataSeconds);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** What is wrong with these fields, each as {@code field: problem}; empty when they make a valid rule. */
    public static List<String> problems(String id, String sensor, ReadingKind kind, Double above, Double below,
                                        long delaySeconds, double hysteresis, long noDataSeconds) {
        List<String> problems = new ArrayList<>();
        if (!Limits.isValidId(id)) {
            problems.add("id: must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit, was '" + id + "'");
        }
        if (sensor == null || !(sensor.equals("*") || Limits.isValidId(sensor)
                || sensor.endsWith("*") && Limits.isValidId(sensor.substring(0, sensor.length() - 1)))) {
            problems.add("sensor: must be a sensor id, a prefix ending in '*', or '*', was '" + sensor + "'");
        }
        if (kind == null) {
            problems.add("kind: missing");
        }
        if ((above == null) == (below == null)) {
            problems.add("above/below: give exactly one of the two");
        }
        if (kind != null) {
            checkLimit(problems, "above", above, kind);
            checkLimit(problems, "below", below, kind);
        }
        if (delaySeconds < 0 || delaySeconds > MAX_SECONDS) {
            problems.add("delaySeconds: must be 0…" + MAX_SECONDS + ", was " + delaySeconds);
        }
        if (!Double.isFinite(hysteresis) || hysteresis < 0 || kind != null && hysteresis > kind.max() - kind.min()) {
            problems.add("hysteresis: must be 0 or more, within the kind's range, was " + hysteresis);
        }
        if (noDataSeconds < 0 || noDataSeconds > MAX_SECONDS) {
            problems.add("noDataSeconds: must be 0 (off) … " + MAX_SECONDS + ", was " + noDataSeconds);
        }
        return problems;
    }

    private static void checkLimit(List<String> problems, String field, Double limit, ReadingKind kind) {
        if (limit != null && (!Double.isFinite(limit) || limit < kind.min() || limit > kind.max())) {
            problems.add(field + ": must lie in " + kind.min() + "…" + kind.max() + " " + kind.unit() + " for "
                    + kind.wireName() + ", was " + limit);
        }
    }

    /** Whether a reading of {@code sensorId} and {@code readingKind} falls under this rule. */
    public boolean matches(String sensorId, ReadingKind readingKind) {
        if (readingKind != kind) {
            return false;
        }
        if (sensor.endsWith("*")) {
            return sensorId.startsWith(sensor.substring(0, sensor.length() - 1));
        }
        return sensor.equals(sensorId);
    }

    /** Whether this rule names one sensor (not a prefix): that sensor is expected from the start. */
    public boolean namesOneSensor() {
        return !sensor.endsWith("*");
    }

    /** The threshold, whichever side it is on. */
    public double threshold() {
        return Objects.requireNonNullElse(above, below);
    }

    /** Whether {@code value} breaks the rule. */
    public boolean violatedBy(double value) {
        return above != null ? value > above : value < below;
    }

    /** Whether {@code value} is far enough back from the threshold to clear an alarm of this rule. */
    public boolean clearedBy(double value) {
        return above != null ? value <= above - hysteresis : value >= below + hysteresis;
    }
}
