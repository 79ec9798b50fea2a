package org.coldwatch.protocol.senml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORReadContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.senml.SenmlException.Problem;

/**
 * Strict streaming decoder of both encodings: one pass with Jackson's parser (the CBOR parser reports integer map
 * keys as their decimal text, so one loop serves both), every field type-checked as it is read, unknown fields
 * skipped unless their label ends in '_' (RFC 8428 section 4.4), duplicate labels refused by the parser. Pack-level
 * rules are left to {@link Resolver}.
 */
final class SenmlReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final CBORFactory CBOR = CBORFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final SenmlFormat format;
    private final JsonParser p;

    private SenmlReader(SenmlFormat format, JsonParser parser) {
        this.format = format;
        this.p = parser;
    }

    static SenmlPack read(byte[] payload, SenmlFormat format) throws SenmlException {
        if (payload.length > SenmlLimits.MAX_PACK_BYTES) {
            throw new SenmlException(Problem.PACK_TOO_LARGE, "pack is " + payload.length
                    + " bytes; the limit is " + SenmlLimits.MAX_PACK_BYTES);
        }
        if (format == SenmlFormat.JSON) {
            requireUtf8(payload);
        }
        try (JsonParser parser = (format == SenmlFormat.JSON ? JSON : CBOR).createParser(payload)) {
            List<SenmlRecord> records = new SenmlReader(format, parser).readPack();
            if (parser.nextToken() != null) {
                throw new SenmlException(Problem.MALFORMED, "unexpected data after the pack");
            }
            return SenmlPack.checked(records);
        } catch (JsonProcessingException e) {
            String where = format == SenmlFormat.JSON ? " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() : " at byte " + e.getLocation().getByteOffset();
            throw new SenmlException(Problem.MALFORMED, "malformed " + format + ": "
                    + Resolver.abbreviate(e.getOriginalMessage()) + where);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    /** RFC 8428 section 5: only the UTF-8 form of JSON; Jackson would otherwise accept a BOM and UTF-16/32. */
    private static void requireUtf8(byte[] payload) throws SenmlException {
        if (payload.length >= 3 && (payload[0] & 0xFF) == 0xEF && (payload[1] & 0xFF) == 0xBB
                && (payload[2] & 0xFF) == 0xBF) {
            throw new SenmlException(Problem.MALFORMED, "pack starts with a byte-order mark; send UTF-8 without BOM");
        }
        for (int i = 0; i < Math.min(4, payload.length); i++) {
            if (payload[i] == 0 || (payload[i] & 0xFF) == 0xFE || (payload[i] & 0xFF) == 0xFF) {
                throw new SenmlException(Problem.MALFORMED, "pack is not UTF-8 (looks like UTF-16 or UTF-32)");
            }
        }
    }

    private List<SenmlRecord> readPack() throws IOException, SenmlException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_ARRAY) {
            throw schema("pack: expected an array of records, found " + describe(first));
        }
        if (format == SenmlFormat.CBOR && !((CBORReadContext) p.getParsingContext()).hasExpectedLength()) {
            throw new SenmlException(Problem.MALFORMED, "pack: an indefinite-length array is SensML streaming;"
                    + " SenML needs a definite-length array (RFC 8428 section 6)");
        }
        List<SenmlRecord> records = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (records.size() == SenmlLimits.MAX_RECORDS) {
                throw new SenmlException(Problem.RECORD_COUNT, "more than " + SenmlLimits.MAX_RECORDS
                        + " records in one pack");
            }
            records.add(readRecord("[" + records.size() + "]"));
        }
        return records;
    }

    private SenmlRecord readRecord(String at) throws IOException, SenmlException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw schema(at + ": expected a record (a map), found " + describe(p.currentToken()));
        }
        SenmlRecord r = SenmlRecord.empty();
        String valueLabel = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken token = p.nextToken();
            SenmlLabel label = SenmlLabel.of(key, format).orElse(null);
            if (label == null) {
                SenmlLabel misplaced = format == SenmlFormat.CBOR ? SenmlLabel.of(key, SenmlFormat.JSON).orElse(null)
                        : null;
                if (misplaced != null) {
                    throw schema(at + "." + key + ": CBOR SenML labels " + key + " with the integer "
                            + misplaced.cbor + ", not with text (RFC 8428 section 6, Table 4)");
                }
                if (key.endsWith("_")) {
                    throw new SenmlException(Problem.UNKNOWN_MANDATORY_FIELD, at + "." + Resolver.abbreviate(key)
                            + ": unknown field whose label ends in '_' must be understood (RFC 8428 section 4.4)");
                }
                p.skipChildren();
                continue;
            }
            String field = at + "." + label.json;
            if (isValue(label)) {
                if (valueLabel != null) {
                    throw new SenmlException(Problem.VALUE_COUNT, at + ": both " + valueLabel + " and " + label.json
                            + "; a record carries exactly one of v, vs, vb, vd (RFC 8428 section 4.2)");
                }
                valueLabel = label.json;
            }
            r = with(r, label, token, field);
        }
        return r;
    }

    private SenmlRecord with(SenmlRecord r, SenmlLabel label, JsonToken token, String field)
            throws IOException, SenmlException {
        return switch (label) {
            case BASE_VERSION -> r.withBaseVersion(readVersion(token, field));
            case BASE_NAME -> r.withBaseName(readString(token, field));
            case BASE_TIME -> r.withBaseTime(readNumber(token, field));
            case BASE_UNIT -> r.withBaseUnit(readString(token, field));
            case BASE_VALUE -> r.withBaseValue(readNumber(token, field));
            case BASE_SUM -> r.withBaseSum(readNumber(token, field));
            case NAME -> r.withName(readString(token, field));
            case UNIT -> r.withUnit(readString(token, field));
            case VALUE -> r.withValue(new SenmlValue.Numeric(readNumber(token, field)));
            case STRING_VALUE -> r.withValue(new SenmlValue.Text(readString(token, field)));
            case BOOLEAN_VALUE -> r.withValue(new SenmlValue.Bool(readBoolean(token, field)));
            case DATA_VALUE -> r.withValue(readData(token, field));
            case SUM -> r.withSum(readNumber(token, field));
            case TIME -> r.withTime(readNumber(token, field));
            case UPDATE_TIME -> r.withUpdateTime(readUpdateTime(token, field));
        };
    }

    private static boolean isValue(SenmlLabel label) {
        return label == SenmlLabel.VALUE || label == SenmlLabel.STRING_VALUE || label == SenmlLabel.BOOLEAN_VALUE
                || label == SenmlLabel.DATA_VALUE;
    }

    private String readString(JsonToken token, String field) throws IOException, SenmlException {
        expect(token, JsonToken.VALUE_STRING, field, "a string");
        return p.getText();
    }

    private double readNumber(JsonToken token, String field) throws IOException, SenmlException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw schema(field + ": expected a number, found " + describe(token));
        }
        double value = p.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw new SenmlException(Problem.NON_FINITE_NUMBER,
                    field + ": " + Resolver.abbreviate(p.getText()) + " is not a finite number");
        }
        return value;
    }

    private int readVersion(JsonToken token, String field) throws IOException, SenmlException {
        expect(token, JsonToken.VALUE_NUMBER_INT, field, "a positive integer");
        if (p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 1) {
            throw schema(field + ": " + Resolver.abbreviate(p.getText())
                    + " is not a positive integer (RFC 8428 section 4.1)");
        }
        return p.getIntValue();
    }

    private double readUpdateTime(JsonToken token, String field) throws IOException, SenmlException {
        double seconds = readNumber(token, field);
        if (seconds < 0) {
            throw schema(field + ": " + seconds + " s; an update time is a period and cannot be negative");
        }
        return seconds;
    }

    private boolean readBoolean(JsonToken token, String field) throws SenmlException {
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw schema(field + ": expected a boolean, found " + describe(token));
        }
        return token == JsonToken.VALUE_TRUE;
    }

    /** JSON: unpadded base64url text (RFC 8428 section 5); CBOR: a byte string (section 6). */
    private SenmlValue readData(JsonToken token, String field) throws IOException, SenmlException {
        if (format == SenmlFormat.CBOR) {
            expect(token, JsonToken.VALUE_EMBEDDED_OBJECT, field, "a byte string");
            return SenmlValue.Data.of(p.getBinaryValue());
        }
        String text = readString(token, field);
        if (!SenmlValue.Data.isBase64Url(text)) {
            throw schema(field + ": '" + Resolver.abbreviate(text)
                    + "' is not base64url without padding (RFC 8428 section 5, RFC 4648 section 5)");
        }
        return new SenmlValue.Data(text);
    }

    private void expect(JsonToken actual, JsonToken expected, String field, String what) throws SenmlException {
        if (actual != expected) {
            throw schema(field + ": expected " + what + ", found " + describe(actual));
        }
    }

    private static SenmlException schema(String detail) {
        return new SenmlException(Problem.SCHEMA_VIOLATION, detail);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "a map";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case VALUE_EMBEDDED_OBJECT -> "a byte string";
            default -> token.name();
        };
    }
}
