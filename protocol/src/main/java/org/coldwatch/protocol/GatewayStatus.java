package org.coldwatch.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.coldwatch.protocol.ProtocolException.Problem;

/**
 * A gateway's retained state message on its {@code status} topic: {@code {"state":"online","software":"0.1.0"}}.
 * The gateway registers {@code {"state":"offline"}} as its MQTT last will, so an unclean loss of the connection is
 * announced by whoever holds the session (the server's endpoint, or an external broker).
 *
 * @param state    online or offline
 * @param software the gateway's software version; empty in the last will
 */
public record GatewayStatus(State state, String software) {

    /** Connection state as the gateway sees it. */
    public enum State { ONLINE, OFFLINE }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The status a gateway publishes right after connecting. */
    public static GatewayStatus online(String software) {
        return new GatewayStatus(State.ONLINE, software);
    }

    /** The last will a gateway registers when connecting. */
    public static GatewayStatus offline() {
        return new GatewayStatus(State.OFFLINE, "");
    }

    /** UTF-8 JSON. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("state", state.name().toLowerCase(Locale.ROOT));
            if (!software.isEmpty()) {
                gen.writeStringField("software", software);
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a status message.
     *
     * @throws ProtocolException if the payload is not a status message of contract v1
     */
    public static GatewayStatus decode(byte[] payload) throws ProtocolException {
        if (payload.length > Limits.MAX_STATUS_BYTES) {
            throw new ProtocolException(Problem.PAYLOAD_TOO_LARGE,
                    "status is " + payload.length + " bytes; the limit is " + Limits.MAX_STATUS_BYTES);
        }
        State state = null;
        String software = "";
        try (JsonParser p = FACTORY.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException(Problem.SCHEMA_VIOLATION, "status: expected an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw new ProtocolException(Problem.SCHEMA_VIOLATION, field + ": expected a string");
                }
                switch (field) {
                    case "state" -> state = switch (p.getText()) {
                        case "online" -> State.ONLINE;
                        case "offline" -> State.OFFLINE;
                        default -> throw new ProtocolException(Problem.SCHEMA_VIOLATION,
                                "state: expected 'online' or 'offline', was '" + p.getText() + "'");
                    };
                    case "software" -> software = p.getText();
                    default -> throw new ProtocolException(Problem.SCHEMA_VIOLATION,
                            field + ": unknown field (allowed: state, software)");
                }
            }
            if (p.nextToken() != null) {
                throw new ProtocolException(Problem.MALFORMED_JSON, "unexpected data after the status object");
            }
        } catch (JsonProcessingException e) {
            throw new ProtocolException(Problem.MALFORMED_JSON, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (state == null) {
            throw new ProtocolException(Problem.SCHEMA_VIOLATION, "state: missing");
        }
        return new GatewayStatus(state, software);
    }
}
