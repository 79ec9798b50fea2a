package org.coldwatch.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.ProtocolException.Problem;

/**
 * JSON codec of telemetry batches (wire contract v1, see docs/protocol.md).
 *
 * <p>Decoding is strict and streaming: one pass over the bytes with Jackson's parser, no tree, every field checked
 * as it goes by, and the first violation reported with the path of the offending field. Unknown, missing and
 * duplicated fields are violations. {@code NaN} and {@code Infinity} tokens are parsed on purpose so that they can be
 * refused with a precise message instead of a generic syntax error.
 *
 * <p>Measurement-time plausibility needs a clock and lives in {@link MeasurementTimeCheck}.
 */
public final class TelemetryCodec {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TelemetryCodec() {
    }

    /** Encodes a batch as compact UTF-8 JSON. Does not validate: encode only what came from trusted code. */
    public static byte[] encode(TelemetryBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 96 * batch.readings().size());
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("gateway", batch.gatewayId());
            gen.writeNumberField("seq", batch.seq());
            gen.writeArrayFieldStart("readings");
            for (Reading r : batch.readings()) {
                gen.writeStartObject();
                gen.writeStringField("sensor", r.sensorId());
                gen.writeStringField("kind", r.kind().wireName());
                gen.writeNumberField("value", r.value());
                gen.writeStringField("unit", r.unit());
                gen.writeNumberField("timeMs", r.measuredAt().toEpochMilli());
                if (r.timeQuality() != TimeQuality.SYNCED) {
                    gen.writeStringField("time", r.timeQuality().wireName());
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes and validates a batch.
     *
     * @throws ProtocolException with the first contract violation found
     */
    public static TelemetryBatch decode(byte[] payload) throws ProtocolException {
        if (payload.length > Limits.MAX_PAYLOAD_BYTES) {
            throw new ProtocolException(Problem.PAYLOAD_TOO_LARGE,
                    "payload is " + payload.length + " bytes; the limit is " + Limits.MAX_PAYLOAD_BYTES);
        }
        requireUtf8WithoutBom(payload);
        try (JsonParser p = FACTORY.createParser(payload)) {
            TelemetryBatch batch = readBatch(p);
            if (p.nextToken() != null) {
                throw new ProtocolException(Problem.MALFORMED_JSON, "unexpected data after the batch object");
            }
            return batch;
        } catch (JsonProcessingException e) {
            throw new ProtocolException(Problem.MALFORMED_JSON, "malformed JSON: " + abbreviate(e.getOriginalMessage())
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    /**
     * Jackson would detect UTF-16/32 and skip a BOM on its own; the contract says UTF-8 without BOM, so refuse the
     * rest here. Invalid UTF-8 sequences are refused by the parser itself.
     */
    static void requireUtf8WithoutBom(byte[] payload) throws ProtocolException {
        if (payload.length >= 3 && (payload[0] & 0xFF) == 0xEF && (payload[1] & 0xFF) == 0xBB
                && (payload[2] & 0xFF) == 0xBF) {
            throw new ProtocolException(Problem.MALFORMED_JSON, "payload starts with a byte-order mark; send UTF-8 without BOM");
        }
        for (int i = 0; i < Math.min(4, payload.length); i++) {
            if (payload[i] == 0 || (payload[i] & 0xFF) == 0xFE || (payload[i] & 0xFF) == 0xFF) {
                throw new ProtocolException(Problem.MALFORMED_JSON, "payload is not UTF-8 (looks like UTF-16 or UTF-32)");
            }
        }
    }

    private static TelemetryBatch readBatch(JsonParser p) throws IOException, ProtocolException {
        expect(p.nextToken(), JsonToken.START_OBJECT, "batch", "an object");
        String gateway = null;
        Long seq = null;
        List<Reading> readings = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "gateway" -> gateway = readId(p, value, "gateway");
                case "seq" -> seq = readSeq(p, value);
                case "readings" -> readings = readReadings(p, value);
                default -> throw schema(field + ": unknown field (allowed: gateway, seq, readings)");
            }
        }
        requirePresent(gateway, "gateway");
        requirePresent(seq, "seq");
        requirePresent(readings, "readings");
        return new TelemetryBatch(gateway, seq, readings);
    }

    private static long readSeq(JsonParser p, JsonToken value) throws IOException, ProtocolException {
        expect(value, JsonToken.VALUE_NUMBER_INT, "seq", "an integer");
        if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
            throw schema("seq: " + abbreviate(p.getText()) + " does not fit a 64-bit integer");
        }
        long seq = p.getLongValue();
        if (seq < 1) {
            throw schema("seq: must be at least 1, was " + seq);
        }
        return seq;
    }

    private static List<Reading> readReadings(JsonParser p, JsonToken value) throws IOException, ProtocolException {
        expect(value, JsonToken.START_ARRAY, "readings", "an array");
        List<Reading> readings = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (readings.size() == Limits.MAX_READINGS_PER_BATCH) {
                throw new ProtocolException(Problem.READING_COUNT,
                        "readings: more than " + Limits.MAX_READINGS_PER_BATCH + " readings in one batch");
            }
            readings.add(readReading(p, readings.size()));
        }
        if (readings.isEmpty()) {
            throw new ProtocolException(Problem.READING_COUNT, "readings: a batch needs at least one reading");
        }
        return readings;
    }

    /** The path of reading {@code index} in error messages; built only when there is an error to report. */
    private static String path(int index) {
        return "readings[" + index + "]";
    }

    private static String path(int index, String field) {
        return path(index) + "." + field;
    }

    private static Reading readReading(JsonParser p, int index) throws IOException, ProtocolException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            expect(p.currentToken(), JsonToken.START_OBJECT, path(index), "an object");
        }
        String sensor = null;
        ReadingKind kind = null;
        Double val = null;
        String unit = null;
        Long timeMs = null;
        TimeQuality quality = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            switch (field) {
                case "sensor" -> sensor = readSensorId(p, token, index);
                case "kind" -> {
                    if (token != JsonToken.VALUE_STRING) {
                        expect(token, JsonToken.VALUE_STRING, path(index, field), "a string");
                    }
                    String name = p.getText();
                    kind = ReadingKind.fromWireName(name).orElseThrow(() -> new ProtocolException(
                            Problem.UNKNOWN_KIND, path(index, field) + ": unknown kind '" + name + "' (known: "
                            + knownKinds() + ")"));
                }
                case "value" -> {
                    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw schema(path(index, field) + ": expected a number, found " + describe(token));
                    }
                    double v = p.getDoubleValue();
                    if (!Double.isFinite(v)) {
                        throw new ProtocolException(Problem.NON_FINITE_VALUE,
                                path(index, field) + ": " + abbreviate(p.getText()) + " is not a finite number");
                    }
                    val = v;
                }
                case "unit" -> {
                    if (token != JsonToken.VALUE_STRING) {
                        expect(token, JsonToken.VALUE_STRING, path(index, field), "a string");
                    }
                    unit = p.getText();
                }
                case "timeMs" -> {
                    if (token != JsonToken.VALUE_NUMBER_INT) {
                        expect(token, JsonToken.VALUE_NUMBER_INT, path(index, field),
                                "an integer (milliseconds since 1970-01-01T00:00Z)");
                    }
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
                        throw schema(path(index, field) + ": " + abbreviate(p.getText())
                                + " is not a time in milliseconds since 1970");
                    }
                    timeMs = p.getLongValue();
                }
                case "time" -> {
                    if (token != JsonToken.VALUE_STRING) {
                        expect(token, JsonToken.VALUE_STRING, path(index, field), "a string");
                    }
                    String name = p.getText();
                    quality = TimeQuality.fromWireName(name).orElseThrow(() -> schema(path(index, field) + ": '"
                            + abbreviate(name)
                            + "' is not a time quality (allowed: corrected, unsynced; leave out when synced)"));
                }
                default -> throw schema(path(index, field)
                        + ": unknown field (allowed: sensor, kind, value, unit, timeMs, time)");
            }
        }
        if (sensor == null || kind == null || val == null || unit == null || timeMs == null) {
            String path = path(index);
            requirePresent(sensor, path + ".sensor");
            requirePresent(kind, path + ".kind");
            requirePresent(val, path + ".value");
            requirePresent(unit, path + ".unit");
            requirePresent(timeMs, path + ".timeMs");
        }
        if (!kind.unit().equals(unit)) {
            throw new ProtocolException(Problem.UNIT_MISMATCH, path(index) + ".unit: " + kind.wireName()
                    + " must be in '" + kind.unit() + "', was '" + unit + "'");
        }
        if (!kind.isPlausible(val)) {
            String rule = kind == ReadingKind.DOOR ? ": a door is 0 (closed) or 1 (open)"
                    : " is outside the plausible range " + kind.min() + "…" + kind.max() + " for " + kind.wireName();
            throw new ProtocolException(Problem.VALUE_OUT_OF_RANGE,
                    path(index) + ".value: " + val + " " + unit + rule);
        }
        return new Reading(sensor, kind, val, Instant.ofEpochMilli(timeMs),
                quality == null ? TimeQuality.SYNCED : quality);
    }

    private static String readSensorId(JsonParser p, JsonToken token, int index)
            throws IOException, ProtocolException {
        if (token != JsonToken.VALUE_STRING) {
            expect(token, JsonToken.VALUE_STRING, path(index, "sensor"), "a string");
        }
        String id = p.getText();
        if (!Limits.isValidId(id)) {
            throw invalidId(path(index, "sensor"), id);
        }
        return id;
    }

    private static String readId(JsonParser p, JsonToken token, String at) throws IOException, ProtocolException {
        expect(token, JsonToken.VALUE_STRING, at, "a string");
        String id = p.getText();
        if (!Limits.isValidId(id)) {
            throw invalidId(at, id);
        }
        return id;
    }

    private static ProtocolException invalidId(String at, String id) {
        return new ProtocolException(Problem.INVALID_ID, at + ": '" + abbreviate(id)
                + "' is not a valid id (1-64 of A-Z a-z 0-9 . _ -, starting with a letter or digit)");
    }

    private static void expect(JsonToken actual, JsonToken expected, String at, String what)
            throws ProtocolException {
        if (actual != expected) {
            throw schema(at + ": expected " + what + ", found " + describe(actual));
        }
    }

    private static void requirePresent(Object value, String path) throws ProtocolException {
        if (value == null) {
            throw schema(path + ": missing");
        }
    }

    private static ProtocolException schema(String detail) {
        return new ProtocolException(Problem.SCHEMA_VIOLATION, detail);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static String knownKinds() {
        StringBuilder names = new StringBuilder();
        for (ReadingKind k : ReadingKind.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(k.wireName());
        }
        return names.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
