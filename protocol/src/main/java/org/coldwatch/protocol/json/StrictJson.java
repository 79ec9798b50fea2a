package org.coldwatch.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.ProtocolException.Problem;

/**
 * Parses a small JSON document (settings, health) into plain maps, lists, strings, {@link BigDecimal}s and booleans
 * with Jackson's streaming parser, refusing duplicate keys, trailing data, non-UTF-8 input and size overruns. The
 * strict field-by-field checks then run on the result through {@link JsonFields}. {@code NaN} tokens are accepted by
 * the parser only so that {@link JsonFields} can refuse them with a precise message.
 */
public final class StrictJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final int MAX_DEPTH = 8;

    private StrictJson() {
    }

    /**
     * The top-level object of {@code payload}.
     *
     * @param what     names the document in messages, e.g. {@code settings}
     * @param maxBytes refused above this size
     * @throws ProtocolException if too large, not UTF-8 JSON, not an object, or with a key given twice
     */
    public static JsonFields parseObject(byte[] payload, String what, int maxBytes) throws ProtocolException {
        if (payload.length > maxBytes) {
            throw new ProtocolException(Problem.PAYLOAD_TOO_LARGE,
                    what + " is " + payload.length + " bytes; the limit is " + maxBytes);
        }
        if (payload.length >= 3 && (payload[0] & 0xFF) == 0xEF) {
            throw new ProtocolException(Problem.MALFORMED_JSON, what + ": starts with a byte-order mark");
        }
        try (JsonParser p = FACTORY.createParser(payload)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new ProtocolException(Problem.SCHEMA_VIOLATION, what + ": expected an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) read(p, 0);
            if (p.nextToken() != null) {
                throw new ProtocolException(Problem.MALFORMED_JSON, what + ": unexpected data after the object");
            }
            return new JsonFields("", root);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(Problem.MALFORMED_JSON, what + ": malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    private static Object read(JsonParser p, int depth) throws IOException, ProtocolException {
        if (depth > MAX_DEPTH) {
            throw new ProtocolException(Problem.SCHEMA_VIOLATION, "nested deeper than " + MAX_DEPTH + " levels");
        }
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    object.put(name, read(p, depth + 1));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(p, depth + 1));
                }
                return array;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return new BigDecimal(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                return Double.isFinite(d) ? p.getDecimalValue() : (Object) Double.valueOf(d);
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return JsonFields.NULL;
            }
            default -> throw new ProtocolException(Problem.MALFORMED_JSON, "unexpected token " + token);
        }
    }
}
