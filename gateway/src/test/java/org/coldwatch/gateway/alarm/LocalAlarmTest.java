package org.coldwatch.gateway.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.events.AlarmEventMessage;
import org.coldwatch.protocol.settings.AlarmRule;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class LocalAlarmTest {
    private final MutableClock clock = MutableClock.of(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);

    /** An output that remembers every switch. */
    static final class RecordingOutput implements AlarmOutput {
        final List<Boolean> switched = new ArrayList<>();

        @Override
        public synchronized void sound(boolean on) {
            switched.add(on);
        }

        @Override
        public void close() {
            sound(false);
        }
    }

    /** A link that is down until told otherwise. */
    static final class SwitchableLink {
        boolean up;
        final List<byte[]> sent = new ArrayList<>();

        boolean publish(byte[] payload) {
            if (up) {
                sent.add(payload);
            }
            return up;
        }
    }

    private LocalAlarm alarm(RecordingOutput output, AlarmEventSink sink) {
        AlarmEvaluator evaluator = new AlarmEvaluator(clock, Duration.ofMinutes(30));
        evaluator.replaceRules(new AlarmRules(List.of(
                new AlarmRule("too-warm", "air", ReadingKind.TEMPERATURE, 8.0, null, 60, 0.5, 0))));
        return new LocalAlarm(evaluator, output, sink, Duration.ofSeconds(1));
    }

    private void read(LocalAlarm alarm, double celsius) {
        alarm.observed(List.of(Reading.of("air", ReadingKind.TEMPERATURE, celsius, clock.instant())));
    }

    @Test
    void switchesTheOutputOnlyWhenTheSoundingStateChanges() {
        RecordingOutput output = new RecordingOutput();
        LocalAlarm alarm = alarm(output, AlarmEventSink.NONE);

        read(alarm, 9.0);
        clock.add(Duration.ofSeconds(60));
        alarm.tick();
        read(alarm, 9.0);
        alarm.silence();
        alarm.silence();
        read(alarm, 7.0);

        assertThat(output.switched).containsExactly(false, true, false);
        assertThat(alarm.state().active()).isEmpty();
        assertThat(alarm.state().ruleCount()).isEqualTo(1);
    }

    @Test
    void eventsWaitForTheLinkAndGoOutOldestFirst() throws Exception {
        SwitchableLink link = new SwitchableLink();
        AlarmEventPublisher publisher = new AlarmEventPublisher(link::publish);
        LocalAlarm alarm = alarm(new RecordingOutput(), publisher);
        read(alarm, 9.0);
        clock.add(Duration.ofSeconds(60));
        alarm.tick();
        alarm.silence();
        assertThat(publisher.pendingCount()).isEqualTo(2);

        link.up = true;
        alarm.tick();

        assertThat(publisher.pendingCount()).isZero();
        assertThat(link.sent).hasSize(2);
        assertThat(AlarmEventMessage.decode(link.sent.get(0)).event()).isEqualTo("raised");
        assertThat(AlarmEventMessage.decode(link.sent.get(1)).event()).isEqualTo("silenced");
    }

    @Test
    void keepsTheNewestEventsWhenTheQueueIsFull() throws Exception {
        SwitchableLink link = new SwitchableLink();
        AlarmEventPublisher publisher = new AlarmEventPublisher(link::publish);
        for (int i = 0; i < AlarmEventPublisher.MAX_PENDING + 5; i++) {
            publisher.accept(new AlarmEvent(AlarmEvent.Type.RAISED, "r" + i, "air", AlarmCondition.ABOVE,
                    java.util.Optional.empty(), clock.instant()));
        }
        link.up = true;

        publisher.idle();

        assertThat(link.sent).hasSize(AlarmEventPublisher.MAX_PENDING);
        assertThat(AlarmEventMessage.decode(link.sent.get(0)).ruleId()).isEqualTo("r5");
    }
}
