package org.coldwatch.protocol.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.json.JsonFields;
import org.coldwatch.protocol.json.StrictJson;

/**
 * A local alarm state change, gateway to server on the {@code events} topic:
 * {@code {"type":"alarm","event":"raised","rule":"too-warm","sensor":"air","condition":"above","value":9.5,
 * "timeMs":…}}.
 *
 * @param event     {@code raised}, {@code cleared}, {@code silenced} or {@code resounded}
 * @param ruleId    the rule concerned
 * @param sensorId  the sensor concerned
 * @param condition {@code above}, {@code below} or {@code no_data}
 * @param value     the value that caused it, in the kind's unit, if any
 * @param at        the gateway's clock
 */
public record AlarmEventMessage(String event, String ruleId, String sensorId, String condition,
                                Optional<Double> value, Instant at) {

    /** Largest event payload accepted, in bytes. */
    public static final int MAX_BYTES = 1_024;
    private static final Set<String> EVENTS = Set.of("raised", "cleared", "silenced", "resounded");
    private static final Set<String> CONDITIONS = Set.of("above", "below", "no_data");
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Compact UTF-8 JSON. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("type", "alarm");
            gen.writeStringField("event", event);
            gen.writeStringField("rule", ruleId);
            gen.writeStringField("sensor", sensorId);
            gen.writeStringField("condition", condition);
            if (value.isPresent()) {
                gen.writeNumberField("value", value.get());
            }
            gen.writeNumberField("timeMs", at.toEpochMilli());
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes an event.
     *
     * @throws ProtocolException if it is not an alarm event of contract v1, naming the field
     */
    public static AlarmEventMessage decode(byte[] payload) throws ProtocolException {
        JsonFields f = StrictJson.parseObject(payload, "event", MAX_BYTES);
        String type = f.string("type");
        if (!type.equals("alarm")) {
            throw JsonFields.schema("type: expected 'alarm', was '" + type + "'");
        }
        String event = f.string("event");
        if (!EVENTS.contains(event)) {
            throw JsonFields.schema("event: expected raised, cleared, silenced or resounded, was '" + event + "'");
        }
        String rule = f.id("rule");
        String sensor = f.id("sensor");
        String condition = f.string("condition");
        if (!CONDITIONS.contains(condition)) {
            throw JsonFields.schema("condition: expected above, below or no_data, was '" + condition + "'");
        }
        Optional<Double> value = f.optionalNumber("value");
        Instant at = Instant.ofEpochMilli(f.integer("timeMs", 0, Long.MAX_VALUE / 2));
        f.requireNoOthers();
        return new AlarmEventMessage(event, rule, sensor, condition, value, at);
    }
}
