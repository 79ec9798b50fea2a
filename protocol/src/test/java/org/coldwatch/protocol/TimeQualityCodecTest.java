package org.coldwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeQualityCodecTest {
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void syncedReadingsEncodeExactlyAsInContractV1() {
        TelemetryBatch batch = TelemetryBatch.of("gw-1", 1, List.of(Reading.of("t1", ReadingKind.TEMPERATURE, -0.5,
                Instant.ofEpochMilli(1795420800000L))));

        assertThat(new String(TelemetryCodec.encode(batch), StandardCharsets.UTF_8)).isEqualTo(
                "{\"gateway\":\"gw-1\",\"seq\":1,\"readings\":[{\"sensor\":\"t1\",\"kind\":\"temperature\","
                        + "\"value\":-0.5,\"unit\":\"Cel\",\"timeMs\":1795420800000}]}");
    }

    @Test
    void correctedAndUnsyncedMarksRoundTrip() throws Exception {
        TelemetryBatch batch = TelemetryBatch.of("gw-1", 9, List.of(
                Reading.of("t1", ReadingKind.TEMPERATURE, 1.0, T0).withTimeQuality(TimeQuality.CORRECTED),
                Reading.of("t1", ReadingKind.TEMPERATURE, 1.5, T0).withTimeQuality(TimeQuality.UNSYNCED),
                Reading.of("t1", ReadingKind.TEMPERATURE, 2.0, T0)));

        TelemetryBatch decoded = TelemetryCodec.decode(TelemetryCodec.encode(batch));

        assertThat(decoded).isEqualTo(batch);
        assertThat(decoded.readings()).extracting(Reading::timeQuality)
                .containsExactly(TimeQuality.CORRECTED, TimeQuality.UNSYNCED, TimeQuality.SYNCED);
    }

    @Test
    void refusesAnUnknownTimeQualityNamingTheField() {
        byte[] payload = ("{\"gateway\":\"gw-1\",\"seq\":1,\"readings\":[{\"sensor\":\"t1\",\"kind\":\"temperature\","
                + "\"value\":1,\"unit\":\"Cel\",\"timeMs\":1,\"time\":\"guessed\"}]}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TelemetryCodec.decode(payload)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("readings[0].time: 'guessed' is not a time quality");
    }

    @Test
    void timeWindowExemptsUnsyncedReadingsOnly() {
        Instant wayOff = T0.minus(Duration.ofDays(20_000));
        TelemetryBatch unsynced = TelemetryBatch.of("gw-1", 1, List.of(
                Reading.of("t1", ReadingKind.TEMPERATURE, 1.0, wayOff).withTimeQuality(TimeQuality.UNSYNCED)));
        TelemetryBatch corrected = TelemetryBatch.of("gw-1", 2, List.of(
                Reading.of("t1", ReadingKind.TEMPERATURE, 1.0, wayOff).withTimeQuality(TimeQuality.CORRECTED)));

        assertThat(MeasurementTimeCheck.DEFAULT.firstProblem(unsynced, T0)).isEmpty();
        assertThat(MeasurementTimeCheck.DEFAULT.firstProblem(corrected, T0)).hasValueSatisfying(p ->
                assertThat(p).contains("behind the server clock"));
    }
}
