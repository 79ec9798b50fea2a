package org.coldwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.coldwatch.protocol.ProtocolException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryCodecTest {

    static byte[] sample(String name) throws IOException {
        try (InputStream in = TelemetryCodecTest.class.getResourceAsStream("/samples/" + name)) {
            assertThat(in).as("sample %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void decodesTheOneRoomGoldenSample() throws Exception {
        TelemetryBatch batch = TelemetryCodec.decode(sample("telemetry-one-room.json"));

        assertThat(batch.gatewayId()).isEqualTo("gw-lijiacun-01");
        assertThat(batch.seq()).isEqualTo(42);
        assertThat(batch.readings()).hasSize(5);
        assertThat(batch.readings().get(0)).isEqualTo(Reading.of("room1-air", ReadingKind.TEMPERATURE, 1.8,
                Instant.parse("2026-11-23T08:00:00Z")));
        assertThat(batch.readings()).extracting(Reading::kind).containsExactly(ReadingKind.TEMPERATURE,
                ReadingKind.HUMIDITY, ReadingKind.TEMPERATURE, ReadingKind.WEIGHT, ReadingKind.DOOR);
        assertThat(batch.readings().get(3).value()).isEqualTo(4980.25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"telemetry-one-room.json", "telemetry-minimal.json"})
    void everyGoldenSampleSurvivesARoundTrip(String name) throws Exception {
        TelemetryBatch batch = TelemetryCodec.decode(sample(name));

        TelemetryBatch again = TelemetryCodec.decode(TelemetryCodec.encode(batch));

        assertThat(again).isEqualTo(batch);
    }

    @Test
    void encodesCompactJsonWithTheDocumentedFieldNames() {
        TelemetryBatch batch = TelemetryBatch.of("gw-1", 7, List.of(
                Reading.of("t1", ReadingKind.TEMPERATURE, -0.5, Instant.ofEpochMilli(1795420800000L))));

        String json = new String(TelemetryCodec.encode(batch), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"gateway\":\"gw-1\",\"seq\":7,\"readings\":[{\"sensor\":\"t1\","
                + "\"kind\":\"temperature\",\"value\":-0.5,\"unit\":\"Cel\",\"timeMs\":1795420800000}]}");
    }

    @Test
    void carriesADoorOpenDurationInSecondsAndRefusesMoreThanAWeek() throws Exception {
        TelemetryBatch batch = TelemetryBatch.of("gw-1", 8, List.of(
                Reading.of("door1", ReadingKind.DOOR_OPEN_DURATION, 42.5, Instant.ofEpochMilli(1795420800000L))));

        String json = new String(TelemetryCodec.encode(batch), StandardCharsets.UTF_8);

        assertThat(json).contains("\"kind\":\"door-open-duration\",\"value\":42.5,\"unit\":\"s\"");
        assertThat(TelemetryCodec.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(batch);
        assertThatThrownBy(() -> TelemetryCodec.decode(batchWith("{\"sensor\":\"door1\",\"kind\":"
                + "\"door-open-duration\",\"value\":604801,\"unit\":\"s\",\"timeMs\":1}")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(ProtocolException.class);
    }

    static final String R = "{\"sensor\":\"t1\",\"kind\":\"temperature\",\"value\":2.0,\"unit\":\"Cel\",\"timeMs\":1}";

    static String batchWith(String reading) {
        return "{\"gateway\":\"gw-1\",\"seq\":1,\"readings\":[" + reading + "]}";
    }

    static Stream<Arguments> malformedPayloads() {
        return Stream.of(
                Arguments.of("", Problem.SCHEMA_VIOLATION, "batch: expected an object, found end of input"),
                Arguments.of("{\"gateway\":\"gw-1\",", Problem.MALFORMED_JSON, "malformed JSON"),
                Arguments.of("not json", Problem.MALFORMED_JSON, "malformed JSON"),
                Arguments.of("[1,2]", Problem.SCHEMA_VIOLATION, "batch: expected an object, found an array"),
                Arguments.of(batchWith(R) + " {}", Problem.MALFORMED_JSON, "unexpected data after the batch"),
                Arguments.of("{\"seq\":1,\"readings\":[" + R + "]}", Problem.SCHEMA_VIOLATION, "gateway: missing"),
                Arguments.of("{\"gateway\":\"gw-1\",\"readings\":[" + R + "]}", Problem.SCHEMA_VIOLATION,
                        "seq: missing"),
                Arguments.of("{\"gateway\":\"gw-1\",\"seq\":1}", Problem.SCHEMA_VIOLATION, "readings: missing"),
                Arguments.of("{\"gateway\":\"gw-1\",\"seq\":1,\"extra\":true,\"readings\":[" + R + "]}",
                        Problem.SCHEMA_VIOLATION, "extra: unknown field"),
                Arguments.of("{\"gateway\":\"gw-1\",\"gateway\":\"gw-2\",\"seq\":1,\"readings\":[" + R + "]}",
                        Problem.MALFORMED_JSON, "Duplicate field 'gateway'"),
                Arguments.of("{\"gateway\":\"gw-1\",\"seq\":0,\"readings\":[" + R + "]}", Problem.SCHEMA_VIOLATION,
                        "seq: must be at least 1, was 0"),
                Arguments.of("{\"gateway\":\"gw-1\",\"seq\":\"1\",\"readings\":[" + R + "]}",
                        Problem.SCHEMA_VIOLATION, "seq: expected an integer, found a string"),
                Arguments.of("{\"gateway\":\"gw-1\",\"seq\":99999999999999999999,\"readings\":[" + R + "]}",
                        Problem.SCHEMA_VIOLATION, "does not fit a 64-bit integer"),
                Arguments.of("{\"gateway\":\"gw 1\",\"seq\":1,\"readings\":[" + R + "]}", Problem.INVALID_ID,
                        "gateway: 'gw 1' is not a valid id"),
                Arguments.of("{\"gateway\":\"gw-1\",\"seq\":1,\"readings\":[]}", Problem.READING_COUNT,
                        "at least one reading"),
                Arguments.of(batchWith("{\"kind\":\"temperature\",\"value\":2.0,\"unit\":\"Cel\",\"timeMs\":1}"),
                        Problem.SCHEMA_VIOLATION, "readings[0].sensor: missing"),
                Arguments.of(batchWith(R.replace("2.0", "NaN")), Problem.NON_FINITE_VALUE,
                        "readings[0].value: NaN is not a finite number"),
                Arguments.of(batchWith(R.replace("2.0", "Infinity")), Problem.NON_FINITE_VALUE,
                        "readings[0].value: Infinity is not a finite number"),
                Arguments.of(batchWith(R.replace("2.0", "-Infinity")), Problem.NON_FINITE_VALUE,
                        "readings[0].value: -Infinity is not a finite number"),
                Arguments.of(batchWith(R.replace("2.0", "1e400")), Problem.NON_FINITE_VALUE,
                        "readings[0].value: 1e400 is not a finite number"),
                Arguments.of(batchWith(R.replace("2.0", "\"2.0\"")), Problem.SCHEMA_VIOLATION,
                        "readings[0].value: expected a number, found a string"),
                Arguments.of(batchWith(R.replace("2.0", "null")), Problem.SCHEMA_VIOLATION,
                        "readings[0].value: expected a number, found null"),
                Arguments.of(batchWith(R.replace("2.0", "95.0")), Problem.VALUE_OUT_OF_RANGE,
                        "readings[0].value: 95.0 Cel is outside the plausible range -60.0…80.0 for temperature"),
                Arguments.of(batchWith(R.replace("Cel", "degF")), Problem.UNIT_MISMATCH,
                        "readings[0].unit: temperature must be in 'Cel', was 'degF'"),
                Arguments.of(batchWith(R.replace("temperature", "pressure")), Problem.UNKNOWN_KIND,
                        "readings[0].kind: unknown kind 'pressure'"),
                Arguments.of(batchWith(R.replace("\"timeMs\":1", "\"timeMs\":-5")), Problem.SCHEMA_VIOLATION,
                        "readings[0].timeMs: -5 is not a time"),
                Arguments.of(batchWith(R.replace("\"timeMs\":1", "\"timeMs\":1.5")), Problem.SCHEMA_VIOLATION,
                        "readings[0].timeMs: expected an integer"),
                Arguments.of(batchWith(R.replace("}", ",\"quality\":1}")), Problem.SCHEMA_VIOLATION,
                        "readings[0].quality: unknown field"),
                Arguments.of(batchWith(R.replace("temperature", "door").replace("Cel", "state").replace("2.0", "0.5")),
                        Problem.VALUE_OUT_OF_RANGE, "readings[0].value: 0.5 state: a door is 0 (closed) or 1 (open)"),
                Arguments.of("\uFEFF" + batchWith(R), Problem.MALFORMED_JSON, "byte-order mark"),
                Arguments.of(batchWith(R.replace("2.0", "1" + "0".repeat(400) + ".0e-5")),
                        Problem.NON_FINITE_VALUE, "..."),
                Arguments.of(batchWith("42"), Problem.SCHEMA_VIOLATION,
                        "readings[0]: expected an object, found an integer"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("malformedPayloads")
    void refusesMalformedPayloadWithAPreciseReason(String payload, Problem problem, String detail) {
        assertThatThrownBy(() -> TelemetryCodec.decode(payload.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.detail()).contains(detail);
                });
    }

    @Test
    void refusesUtf16EvenThoughTheParserCouldReadIt() {
        byte[] utf16 = batchWith(R).getBytes(StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> TelemetryCodec.decode(utf16))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.MALFORMED_JSON);
                    assertThat(e.detail()).contains("not UTF-8");
                });
    }

    @Test
    void refusesAPayloadOverTheSizeLimitBeforeParsingIt() {
        byte[] huge = new byte[Limits.MAX_PAYLOAD_BYTES + 1];

        assertThatThrownBy(() -> TelemetryCodec.decode(huge))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.PAYLOAD_TOO_LARGE);
                    assertThat(e.detail()).isEqualTo("payload is 262145 bytes; the limit is 262144");
                });
    }

    @Test
    void refusesMoreReadingsThanTheLimitAndAcceptsExactlyTheLimit() throws Exception {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_READINGS_PER_BATCH; i++) {
            readings.add(Reading.of("s" + i, ReadingKind.HUMIDITY, 90.0, Instant.ofEpochMilli(i)));
        }
        byte[] atLimit = TelemetryCodec.encode(TelemetryBatch.of("gw-1", 1, readings));
        readings.add(Reading.of("one-too-many", ReadingKind.HUMIDITY, 90.0, Instant.EPOCH));
        byte[] overLimit = TelemetryCodec.encode(TelemetryBatch.of("gw-1", 1, readings));

        assertThat(TelemetryCodec.decode(atLimit).readings()).hasSize(Limits.MAX_READINGS_PER_BATCH);
        assertThatThrownBy(() -> TelemetryCodec.decode(overLimit))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.READING_COUNT));
    }
}
