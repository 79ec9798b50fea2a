package org.coldwatch.protocol.settings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.ProtocolException.Problem;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.json.JsonFields;
import org.coldwatch.protocol.json.StrictJson;

/**
 * JSON codec of {@link GatewaySettings} (docs/protocol.md, section "Gateway settings"). Decoding is strict like the
 * telemetry codec's: unknown, missing, duplicated and mistyped fields are refused with the path of the field, and so
 * is every value a gateway could not apply (an invalid rule, a calibration scale of 10).
 */
public final class GatewaySettingsCodec {
    /** Largest settings payload accepted, in bytes (64 KiB). */
    public static final int MAX_BYTES = 64 * 1024;

    private static final JsonFactory FACTORY = new JsonFactory();

    private GatewaySettingsCodec() {
    }

    /** Compact UTF-8 JSON. */
    public static byte[] encode(GatewaySettings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeNumberField("version", settings.version());
            if (settings.samplingIntervalMillis().isPresent()) {
                gen.writeNumberField("samplingIntervalMillis", settings.samplingIntervalMillis().get());
            }
            gen.writeObjectFieldStart("calibrations");
            for (Map.Entry<String, Calibration> c : settings.calibrations().entrySet()) {
                gen.writeObjectFieldStart(c.getKey());
                gen.writeNumberField("offset", c.getValue().offset());
                gen.writeNumberField("scale", c.getValue().scale());
                gen.writeEndObject();
            }
            gen.writeEndObject();
            gen.writeArrayFieldStart("alarmRules");
            for (AlarmRule rule : settings.alarmRules()) {
                writeRule(gen, rule);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void writeRule(JsonGenerator gen, AlarmRule rule) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("id", rule.id());
        gen.writeStringField("sensor", rule.sensor());
        gen.writeStringField("kind", rule.kind().wireName());
        if (rule.above() != null) {
            gen.writeNumberField("above", rule.above());
        } else {
            gen.writeNumberField("below", rule.below());
        }
        gen.writeNumberField("delaySeconds", rule.delaySeconds());
        gen.writeNumberField("hysteresis", rule.hysteresis());
        gen.writeNumberField("noDataSeconds", rule.noDataSeconds());
        gen.writeEndObject();
    }

    /**
     * Decodes and validates settings.
     *
     * @throws ProtocolException with the first violation, naming the field
     */
    public static GatewaySettings decode(byte[] payload) throws ProtocolException {
        JsonFields root = StrictJson.parseObject(payload, "settings", MAX_BYTES);
        long version = root.integer("version", 1, Long.MAX_VALUE);
        Optional<Long> interval = root.optionalInteger("samplingIntervalMillis",
                GatewaySettings.MIN_SAMPLING_INTERVAL_MILLIS, GatewaySettings.MAX_SAMPLING_INTERVAL_MILLIS);
        Map<String, Calibration> calibrations = calibrations(root.optionalObject("calibrations"));
        List<AlarmRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonFields r : root.objects("alarmRules", GatewaySettings.MAX_ALARM_RULES)) {
            AlarmRule rule = rule(r);
            if (!ids.add(rule.id())) {
                throw JsonFields.schema(r.path() + ".id: '" + rule.id() + "' is used by an earlier rule");
            }
            rules.add(rule);
        }
        root.requireNoOthers();
        return new GatewaySettings(version, interval, calibrations, rules);
    }

    private static Map<String, Calibration> calibrations(Optional<JsonFields> object) throws ProtocolException {
        Map<String, Calibration> calibrations = new LinkedHashMap<>();
        if (object.isEmpty()) {
            return calibrations;
        }
        JsonFields all = object.get();
        if (all.names().size() > GatewaySettings.MAX_CALIBRATIONS) {
            throw JsonFields.schema(all.path() + ": more than " + GatewaySettings.MAX_CALIBRATIONS + " sensors");
        }
        for (String sensorId : List.copyOf(all.names())) {
            String at = all.path() + "." + sensorId;
            if (!Limits.isValidId(sensorId)) {
                throw new ProtocolException(Problem.INVALID_ID, at + ": not a valid sensor id");
            }
            JsonFields c = all.object(sensorId);
            double offset = c.number("offset");
            double scale = c.optionalNumber("scale").orElse(1.0);
            c.requireNoOthers();
            try {
                calibrations.put(sensorId, new Calibration(offset, scale));
            } catch (IllegalArgumentException e) {
                throw JsonFields.schema(at + "." + e.getMessage());
            }
        }
        return calibrations;
    }

    private static AlarmRule rule(JsonFields r) throws ProtocolException {
        String id = r.string("id");
        String sensor = r.string("sensor");
        String kindName = r.string("kind");
        ReadingKind kind = ReadingKind.fromWireName(kindName).orElseThrow(() -> new ProtocolException(
                Problem.UNKNOWN_KIND, r.path() + ".kind: unknown kind '" + kindName + "'"));
        Double above = r.optionalNumber("above").orElse(null);
        Double below = r.optionalNumber("below").orElse(null);
        long delay = r.optionalInteger("delaySeconds", 0, AlarmRule.MAX_SECONDS).orElse(0L);
        double hysteresis = r.optionalNumber("hysteresis").orElse(0.0);
        long noData = r.optionalInteger("noDataSeconds", 0, AlarmRule.MAX_SECONDS).orElse(0L);
        r.requireNoOthers();
        List<String> problems = AlarmRule.problems(id, sensor, kind, above, below, delay, hysteresis, noData);
        if (!problems.isEmpty()) {
            throw JsonFields.schema(r.path() + "." + problems.get(0));
        }
        return new AlarmRule(id, sensor, kind, above, below, delay, hysteresis, noData);
    }
}
