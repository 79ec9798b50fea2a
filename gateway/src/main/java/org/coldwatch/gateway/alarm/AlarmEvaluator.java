package org.coldwatch.gateway.alarm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.settings.AlarmRule;

/**
 * The local alarm's logic, without I/O: readings and clock ticks in, {@link AlarmEvent}s and a "buzzer on?" answer
 * out. Not thread-safe; {@link LocalAlarm} serialises the calls.
 *
 * <p>State is kept per (rule, sensor) pair, a <em>track</em>. A rule naming one sensor has its track from the start,
 * so a sensor that never reports raises "no data"; a prefix rule gets a track when a matching sensor first reports.
 * Delays are measured on the injected clock at the moment readings are observed, not on the readings' measurement
 * times (a CoAP node's backlog must not raise alarms about the past, nor a clock correction shorten a delay).
 *
 * <ul>
 *   <li>A value breaking the rule starts the delay; a value not breaking it resets the delay. When the delay has
 *       passed (checked on every reading and every {@link #tick()}), the alarm is raised.</li>
 *   <li>A raised threshold alarm clears only when a value is back past the threshold by the rule's hysteresis.</li>
 *   <li>A track without data for the rule's {@code noDataSeconds} raises NO_DATA (unless a threshold alarm is already
 *       raised on it, which then stays); the next reading clears it and restarts the delay.</li>
 *   <li>{@link #silence()} acknowledges every raised alarm: the buzzer stops until a new alarm is raised or a silenced
 *       one is still raised {@code resoundAfter} later.</li>
 * </ul>
 */
public final class AlarmEvaluator {

    private final Clock clock;
    private final Duration resoundAfter;
    private final Map<Key, Track> tracks = new LinkedHashMap<>();
    private AlarmRules rules = AlarmRules.NONE;

    /**
     * An evaluator without rules.
     *
     * @param resoundAfter how long a silenced alarm stays quiet while still raised
     */
    public AlarmEvaluator(Clock clock, Duration resoundAfter) {
        if (resoundAfter.isNegative() || resoundAfter.isZero()) {
            throw new IllegalArgumentException("resoundAfter: must be positive, was " + resoundAfter);
        }
        this.clock = clock;
        this.resoundAfter = resoundAfter;
    }

    private record Key(String ruleId, String sensorId) {
    }

    private static final class Track {
        final AlarmRule rule;
        final String sensorId;
        Instant lastSeen;
        Instant breakingSince;
        AlarmCondition raised;
        Instant raisedAt;
        Instant silencedAt;

        Track(AlarmRule rule, String sensorId, Instant lastSeen) {
            this.rule = rule;
            this.sensorId = sensorId;
            this.lastSeen = lastSeen;
        }
    }

    /**
     * Replaces the rules. Tracks of rules that stay exactly the same keep their state; alarms of rules that are gone
     * or changed are cleared (a changed rule starts over).
     *
     * @return the CLEARED events of alarms whose rules went away
     */
    public List<AlarmEvent> replaceRules(AlarmRules newRules) {
        Instant now = clock.instant();
        List<AlarmEvent> events = new ArrayList<>();
        for (Iterator<Track> it = tracks.values().iterator(); it.hasNext(); ) {
            Track track = it.next();
            if (!newRules.rules().contains(track.rule)) {
                if (track.raised != null) {
                    events.add(event(AlarmEvent.Type.CLEARED, track, Optional.empty(), now));
                }
                it.remove();
            }
        }
        for (AlarmRule rule : newRules.rules()) {
            if (rule.namesOneSensor()) {
                tracks.computeIfAbsent(new Key(rule.id(), rule.sensor()), k -> new Track(rule, rule.sensor(), now));
            }
        }
        rules = newRules;
        return events;
    }

    /** The rules in force. */
    public AlarmRules rules() {
        return rules;
    }

    /** Feeds readings (already stored); returns what changed. */
    public List<AlarmEvent> observe(List<Reading> readings) {
        Instant now = clock.instant();
        List<AlarmEvent> events = new ArrayList<>();
        for (Reading reading : readings) {
            for (AlarmRule rule : rules.matching(reading.sensorId(), reading.kind())) {
                Track track = tracks.computeIfAbsent(new Key(rule.id(), reading.sensorId()),
                        k -> new Track(rule, reading.sensorId(), now));
                observe(track, reading.value(), now, events);
            }
        }
        return events;
    }

    private void observe(Track track, double value, Instant now, List<AlarmEvent> events) {
        track.lastSeen = now;
        if (track.raised == AlarmCondition.NO_DATA) {
            events.add(event(AlarmEvent.Type.CLEARED, track, Optional.of(value), now));
            track.raised = null;
            track.silencedAt = null;
        }
        AlarmRule rule = track.rule;
        if (rule.violatedBy(value)) {
            if (track.breakingSince == null) {
                track.breakingSince = now;
            }
            if (track.raised == null && delayPassed(track, now)) {
                raise(track, rule.above() != null ? AlarmCondition.ABOVE : AlarmCondition.BELOW, value, now, events);
            }
            return;
        }
        track.breakingSince = null;
        if (track.raised != null && rule.clearedBy(value)) {
            events.add(event(AlarmEvent.Type.CLEARED, track, Optional.of(value), now));
            track.raised = null;
            track.silencedAt = null;
        }
    }

    /** Lets time pass: raises alarms whose delay ran out, raises no-data alarms, re-sounds silenced ones. */
    public List<AlarmEvent> tick() {
        Instant now = clock.instant();
        List<AlarmEvent> events = new ArrayList<>();
        for (Track track : tracks.values()) {
            long noData = track.rule.noDataSeconds();
            if (track.raised == null && noData > 0
                    && !now.isBefore(track.lastSeen.plusSeconds(noData))) {
                track.breakingSince = null;
                raise(track, AlarmCondition.NO_DATA, null, now, events);
            } else if (track.raised == null && track.breakingSince != null && delayPassed(track, now)) {
                raise(track, track.rule.above() != null ? AlarmCondition.ABOVE : AlarmCondition.BELOW, null, now,
                        events);
            }
            if (track.raised != null && track.silencedAt != null
                    && !now.isBefore(track.silencedAt.plus(resoundAfter))) {
                track.silencedAt = null;
                events.add(event(AlarmEvent.Type.RESOUNDED, track, Optional.empty(), now));
            }
        }
        return events;
    }

    /** The silence button: acknowledges every raised alarm not yet silenced. */
    public List<AlarmEvent> silence() {
        Instant now = clock.instant();
        List<AlarmEvent> events = new ArrayList<>();
        for (Track track : tracks.values()) {
            if (track.raised != null && track.silencedAt == null) {
                track.silencedAt = now;
                events.add(event(AlarmEvent.Type.SILENCED, track, Optional.empty(), now));
            }
        }
        return events;
    }

    /** Whether the buzzer should sound: some raised alarm is not silenced. */
    public boolean sounding() {
        for (Track track : tracks.values()) {
            if (track.raised != null && track.silencedAt == null) {
                return true;
            }
        }
        return false;
    }

    /** The raised alarms, in rule order. */
    public List<ActiveAlarm> active() {
        List<ActiveAlarm> active = new ArrayList<>();
        for (Track track : tracks.values()) {
            if (track.raised != null) {
                active.add(new ActiveAlarm(track.rule.id(), track.sensorId, track.raised, track.raisedAt,
                        track.silencedAt != null));
            }
        }
        return active;
    }

    private static boolean delayPassed(Track track, Instant now) {
        return !now.isBefore(track.breakingSince.plusSeconds(track.rule.delaySeconds()));
    }

    private static void raise(Track track, AlarmCondition condition, Double value, Instant now,
                              List<AlarmEvent> events) {
        track.raised = condition;
        track.raisedAt = now;
        track.silencedAt = null;
        events.add(new AlarmEvent(AlarmEvent.Type.RAISED, track.rule.id(), track.sensorId, condition,
                Optional.ofNullable(value), now));
    }

    private static AlarmEvent event(AlarmEvent.Type type, Track track, Optional<Double> value, Instant now) {
        return new AlarmEvent(type, track.rule.id(), track.sensorId,
                track.raised != null ? track.raised
                        : track.rule.above() != null ? AlarmCondition.ABOVE : AlarmCondition.BELOW,
                value, now);
    }
}
