package org.coldwatch.gateway.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.gateway.alarm.AlarmRules;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteSettingsTest {
    private static final Duration FILE_INTERVAL = Duration.ofSeconds(10);
    private static final String V2 = """
            {"version":2,"samplingIntervalMillis":2000,"calibrations":{"air":{"offset":-0.5,"scale":1.0}},
             "alarmRules":[{"id":"too-warm","sensor":"air","kind":"temperature","above":8,"delaySeconds":60}]}""";

    @TempDir
    Path dir;

    /** Remembers what was applied. */
    static final class RecordingTarget implements RemoteSettings.Target {
        final List<Duration> intervals = new ArrayList<>();
        final List<AlarmRules> rules = new ArrayList<>();
        Calibrations calibrations;

        @Override
        public void samplingInterval(Duration interval) {
            intervals.add(interval);
        }

        @Override
        public void calibrations(Calibrations value) {
            calibrations = value;
        }

        @Override
        public void alarmRules(AlarmRules value) {
            rules.add(value);
        }
    }

    private final RecordingTarget target = new RecordingTarget();

    private RemoteSettings settings(RecordingTarget into) {
        return new RemoteSettings("gw-7", into, SettingsFile.besideOutbox(dir.resolve("outbox.db")), FILE_INTERVAL);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void appliesAVersionAsAWholeAndReportsIt() {
        RemoteSettings remote = settings(target);

        remote.received(bytes(V2));

        assertThat(target.intervals).containsExactly(Duration.ofSeconds(2));
        assertThat(target.rules).singleElement().satisfies(r -> assertThat(r.rules()).singleElement()
                .satisfies(rule -> assertThat(rule.id()).isEqualTo("too-warm")));
        Reading corrected = target.calibrations.correct(Reading.of("air", ReadingKind.TEMPERATURE, 4.0, Instant.EPOCH));
        assertThat(corrected.value()).isEqualTo(3.5);
        assertThat(target.calibrations.correct(Reading.of("door", ReadingKind.DOOR, 1.0, Instant.EPOCH)).value())
                .isEqualTo(1.0);
        assertThat(remote.status().appliedVersion()).contains(2L);
        assertThat(remote.status().refusal()).isEmpty();
    }

    @Test
    void refusesAnInvalidVersionKeepingTheAppliedOneAndSaysWhy() {
        RemoteSettings remote = settings(target);
        remote.received(bytes(V2));

        remote.received(bytes("{\"version\":3,\"samplingIntervalMillis\":5}"));

        assertThat(target.intervals).containsExactly(Duration.ofSeconds(2));
        assertThat(remote.status().appliedVersion()).contains(2L);
        assertThat(remote.status().refusal()).hasValueSatisfying(r -> {
            assertThat(r.version()).isEqualTo(3);
            assertThat(r.reason()).isEqualTo("samplingIntervalMillis: must be 100…86400000, was 5");
        });
    }

    @Test
    void ignoresAVersionAlreadyApplied() {
        RemoteSettings remote = settings(target);
        remote.received(bytes(V2));

        remote.received(bytes(V2));
        remote.received(bytes("{\"version\":1}"));

        assertThat(target.intervals).hasSize(1);
    }

    @Test
    void leavingTheIntervalOutMeansTheFileValueAndNoRulesMeansNoRules() {
        RemoteSettings remote = settings(target);
        remote.received(bytes(V2));

        remote.received(bytes("{\"version\":3}"));

        assertThat(target.intervals).containsExactly(Duration.ofSeconds(2), FILE_INTERVAL);
        assertThat(target.rules.get(1).isEmpty()).isTrue();
    }

    @Test
    void aRestartedGatewayRestoresTheLastAppliedVersionFromDisk() {
        settings(target).received(bytes(V2));
        assertThat(dir.resolve("settings.json")).exists();

        RecordingTarget afterRestart = new RecordingTarget();
        RemoteSettings restarted = settings(afterRestart);
        restarted.restore();

        assertThat(afterRestart.intervals).containsExactly(Duration.ofSeconds(2));
        assertThat(restarted.status().appliedVersion()).contains(2L);
        restarted.received(bytes(V2));
        assertThat(afterRestart.intervals).hasSize(1);
    }

    @Test
    void aDamagedSettingsFileIsIgnoredAndTheFileConfigStays() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"version\":");
        RemoteSettings remote = settings(target);

        remote.restore();

        assertThat(target.intervals).isEmpty();
        assertThat(remote.status()).isEqualTo(SettingsStatus.FILE_ONLY);
    }
}
