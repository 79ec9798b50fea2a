package org.coldwatch.gateway.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.coldwatch.gateway.alarm.AlarmEvent.Type;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.settings.AlarmRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class AlarmEvaluatorTest {
    private static final Instant START = Instant.parse("2026-12-03T08:00:00Z");
    private static final AlarmRule TOO_WARM =
            new AlarmRule("too-warm", "air", ReadingKind.TEMPERATURE, 8.0, null, 600, 0.5, 0);

    private final MutableClock clock = MutableClock.of(START, ZoneOffset.UTC);
    private AlarmEvaluator evaluator;

    @BeforeEach
    void withOneRule() {
        evaluator = new AlarmEvaluator(clock, Duration.ofMinutes(30));
        evaluator.replaceRules(new AlarmRules(List.of(TOO_WARM)));
    }

    private List<AlarmEvent> read(String sensor, double celsius) {
        return evaluator.observe(List.of(Reading.of(sensor, ReadingKind.TEMPERATURE, celsius, clock.instant())));
    }

    private static List<Type> types(List<AlarmEvent> events) {
        return events.stream().map(AlarmEvent::type).toList();
    }

    @Test
    void raisesOnlyAfterTheConditionHeldForTheWholeDelay() {
        assertThat(read("air", 9.0)).isEmpty();
        clock.add(Duration.ofSeconds(599));
        assertThat(read("air", 9.5)).isEmpty();
        assertThat(evaluator.sounding()).isFalse();

        clock.add(Duration.ofSeconds(1));
        List<AlarmEvent> events = read("air", 9.6);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.RAISED);
            assertThat(e.condition()).isEqualTo(AlarmCondition.ABOVE);
            assertThat(e.value()).contains(9.6);
            assertThat(e.at()).isEqualTo(START.plusSeconds(600));
        });
        assertThat(evaluator.sounding()).isTrue();
        assertThat(evaluator.active()).containsExactly(new ActiveAlarm("too-warm", "air", AlarmCondition.ABOVE,
                START.plusSeconds(600), false));
    }

    @Test
    void aGoodValueInTheMiddleRestartsTheDelay() {
        read("air", 9.0);
        clock.add(Duration.ofSeconds(400));
        read("air", 7.9);
        clock.add(Duration.ofSeconds(100));
        read("air", 9.0);
        clock.add(Duration.ofSeconds(500));

        assertThat(evaluator.tick()).isEmpty();
        clock.add(Duration.ofSeconds(100));
        assertThat(types(evaluator.tick())).containsExactly(Type.RAISED);
    }

    @Test
    void theDelayRunsOutOnATickWithoutANewReading() {
        read("air", 12.0);
        clock.add(Duration.ofSeconds(600));

        assertThat(types(evaluator.tick())).containsExactly(Type.RAISED);
        assertThat(evaluator.sounding()).isTrue();
    }

    @Test
    void clearsOnlyOnceTheValueIsBackPastTheHysteresis() {
        read("air", 9.0);
        clock.add(Duration.ofSeconds(600));
        read("air", 9.0);

        assertThat(read("air", 7.8)).isEmpty();
        assertThat(evaluator.sounding()).isTrue();
        assertThat(types(read("air", 7.5))).containsExactly(Type.CLEARED);
        assertThat(evaluator.sounding()).isFalse();
        assertThat(evaluator.active()).isEmpty();
    }

    @Test
    void silenceStopsTheBuzzerUntilTheSameAlarmReArmsAfterResoundAfter() {
        read("air", 9.0);
        clock.add(Duration.ofSeconds(600));
        read("air", 9.0);

        assertThat(types(evaluator.silence())).containsExactly(Type.SILENCED);
        assertThat(evaluator.sounding()).isFalse();
        assertThat(evaluator.active()).singleElement().extracting(ActiveAlarm::silenced).isEqualTo(true);
        assertThat(evaluator.silence()).isEmpty();

        clock.add(Duration.ofMinutes(29));
        assertThat(evaluator.tick()).isEmpty();
        clock.add(Duration.ofMinutes(1));
        assertThat(types(evaluator.tick())).containsExactly(Type.RESOUNDED);
        assertThat(evaluator.sounding()).isTrue();
    }

    @Test
    void aNewAlarmSoundsEvenWhileAnotherIsSilenced() {
        AlarmRule frozen = new AlarmRule("frozen", "*", ReadingKind.TEMPERATURE, null, -1.0, 0, 0, 0);
        evaluator.replaceRules(new AlarmRules(List.of(TOO_WARM, frozen)));
        read("air", 9.0);
        clock.add(Duration.ofSeconds(600));
        read("air", 9.0);
        evaluator.silence();

        List<AlarmEvent> events = read("core", -2.0);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.RAISED);
            assertThat(e.ruleId()).isEqualTo("frozen");
            assertThat(e.sensorId()).isEqualTo("core");
        });
        assertThat(evaluator.sounding()).isTrue();
    }

    @Test
    void aSensorGoingSilentRaisesNoDataAndItsNextReadingClearsIt() {
        AlarmRule watched = new AlarmRule("too-warm", "air", ReadingKind.TEMPERATURE, 8.0, null, 600, 0.5, 300);
        evaluator.replaceRules(new AlarmRules(List.of(watched)));
        read("air", 4.0);
        clock.add(Duration.ofSeconds(299));
        assertThat(evaluator.tick()).isEmpty();

        clock.add(Duration.ofSeconds(1));
        List<AlarmEvent> raised = evaluator.tick();

        assertThat(raised).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.RAISED);
            assertThat(e.condition()).isEqualTo(AlarmCondition.NO_DATA);
        });
        assertThat(evaluator.sounding()).isTrue();
        assertThat(evaluator.tick()).isEmpty();
        assertThat(read("air", 4.0)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.CLEARED);
            assertThat(e.condition()).isEqualTo(AlarmCondition.NO_DATA);
        });
        assertThat(evaluator.sounding()).isFalse();
    }

    @Test
    void aNamedSensorThatNeverReportsRaisesNoData() {
        evaluator.replaceRules(new AlarmRules(List.of(
                new AlarmRule("door-probe", "door-air", ReadingKind.TEMPERATURE, 10.0, null, 0, 0, 120))));

        clock.add(Duration.ofSeconds(120));

        assertThat(evaluator.tick()).singleElement().extracting(AlarmEvent::condition)
                .isEqualTo(AlarmCondition.NO_DATA);
    }

    @Test
    void ignoresOtherSensorsAndKinds() {
        assertThat(read("core", 30.0)).isEmpty();
        assertThat(evaluator.observe(List.of(Reading.of("air", ReadingKind.HUMIDITY, 99.0, clock.instant()))))
                .isEmpty();
        clock.add(Duration.ofHours(1));
        assertThat(evaluator.tick()).isEmpty();
    }

    @Test
    void replacingRulesClearsTheAlarmsOfRulesThatWentAwayAndKeepsUnchangedOnes() {
        AlarmRule frozen = new AlarmRule("frozen", "air", ReadingKind.TEMPERATURE, null, 0.0, 0, 0, 0);
        evaluator.replaceRules(new AlarmRules(List.of(TOO_WARM, frozen)));
        read("air", 9.0);
        clock.add(Duration.ofSeconds(600));
        read("air", 9.0);

        assertThat(evaluator.replaceRules(new AlarmRules(List.of(TOO_WARM)))).isEmpty();
        assertThat(evaluator.sounding()).isTrue();
        List<AlarmEvent> cleared = evaluator.replaceRules(new AlarmRules(List.of(
                new AlarmRule("too-warm", "air", ReadingKind.TEMPERATURE, 10.0, null, 600, 0.5, 0))));

        assertThat(types(cleared)).containsExactly(Type.CLEARED);
        assertThat(evaluator.sounding()).isFalse();
        assertThat(read("air", 9.0)).isEmpty();
    }

    @Test
    void belowRulesWorkTheSameWay() {
        evaluator.replaceRules(new AlarmRules(List.of(
                new AlarmRule("too-cold", "air", ReadingKind.TEMPERATURE, null, 0.0, 0, 1.0, 0))));

        assertThat(read("air", -0.5)).singleElement().extracting(AlarmEvent::condition)
                .isEqualTo(AlarmCondition.BELOW);
        assertThat(read("air", 0.5)).isEmpty();
        assertThat(types(read("air", 1.0))).containsExactly(Type.CLEARED);
    }
}
