package org.coldwatch.protocol.health;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.json.JsonFields;
import org.coldwatch.protocol.json.StrictJson;

/** Strict JSON codec of {@link GatewayHealth} (docs/protocol.md, section "Gateway health"). */
public final class GatewayHealthCodec {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Set<String> CONDITIONS = Set.of("above", "below", "no_data");
    private static final int MAX_REASON_LENGTH = 1_000;

    private GatewayHealthCodec() {
    }

    /** Compact UTF-8 JSON; empty optionals are left out. */
    public static byte[] encode(GatewayHealth h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("gateway", h.gatewayId());
            gen.writeNumberField("timeMs", h.reportedAt().toEpochMilli());
            gen.writeNumberField("uptimeSeconds", h.uptimeSeconds());
            gen.writeNumberField("outboxDepth", h.outboxDepth());
            if (h.oldestUnsentAgeSeconds().isPresent()) {
                gen.writeNumberField("oldestUnsentAgeSeconds", h.oldestUnsentAgeSeconds().get());
            }
            if (h.diskFreeBytes().isPresent()) {
                gen.writeNumberField("diskFreeBytes", h.diskFreeBytes().get());
            }
            if (h.cpuTemperatureCelsius().isPresent()) {
                gen.writeNumberField("cpuTemperatureCelsius", h.cpuTemperatureCelsius().get());
            }
            gen.writeNumberField("heapUsedBytes", h.heapUsedBytes());
            gen.writeNumberField("heapMaxBytes", h.heapMaxBytes());
            gen.writeNumberField("reconnects", h.reconnects());
            gen.writeNumberField("failingSources", h.failingSources());
            if (h.settingsVersion().isPresent()) {
                gen.writeNumberField("settingsVersion", h.settingsVersion().get());
            }
            if (h.settingsRefusal().isPresent()) {
                gen.writeObjectFieldStart("settingsRefusal");
                gen.writeNumberField("version", h.settingsRefusal().get().version());
                gen.writeStringField("reason", abbreviate(h.settingsRefusal().get().reason()));
                gen.writeEndObject();
            }
            gen.writeObjectFieldStart("alarm");
            gen.writeBooleanField("sounding", h.alarm().sounding());
            gen.writeArrayFieldStart("active");
            for (GatewayHealth.ActiveAlarm a : h.alarm().active()) {
                gen.writeStartObject();
                gen.writeStringField("rule", a.ruleId());
                gen.writeStringField("sensor", a.sensorId());
                gen.writeStringField("condition", a.condition());
                gen.writeNumberField("sinceMs", a.since().toEpochMilli());
                gen.writeBooleanField("silenced", a.silenced());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
            if (h.outbox().isPresent()) {
                GatewayHealth.Outbox o = h.outbox().get();
                gen.writeObjectFieldStart("outbox");
                gen.writeStringField("state", o.state());
                gen.writeNumberField("bytesUsed", o.bytesUsed());
                gen.writeNumberField("budgetBytes", o.budgetBytes());
                gen.writeNumberField("thinned", o.thinned());
                gen.writeNumberField("refused", o.refused());
                gen.writeNumberField("diskFullErrors", o.diskFullErrors());
                gen.writeEndObject();
            }
            if (!h.sensorFaults().isEmpty()) {
                gen.writeArrayFieldStart("sensorFaults");
                for (GatewayHealth.SensorFault fault : h.sensorFaults()) {
                    gen.writeStartObject();
                    gen.writeStringField("sensor", fault.sensorId());
                    gen.writeStringField("state", fault.state());
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes and validates a health report.
     *
     * @throws ProtocolException with the first violation, naming the field
     */
    public static GatewayHealth decode(byte[] payload) throws ProtocolException {
        JsonFields f = StrictJson.parseObject(payload, "health", GatewayHealth.MAX_BYTES);
        String gateway = f.id("gateway");
        Instant at = Instant.ofEpochMilli(f.integer("timeMs", 0, Long.MAX_VALUE / 2));
        long uptime = f.integer("uptimeSeconds", 0, Long.MAX_VALUE);
        long depth = f.integer("outboxDepth", 0, Long.MAX_VALUE);
        Optional<Long> oldest = f.optionalInteger("oldestUnsentAgeSeconds", Long.MIN_VALUE / 2, Long.MAX_VALUE);
        Optional<Long> disk = f.optionalInteger("diskFreeBytes", 0, Long.MAX_VALUE);
        Optional<Double> cpu = f.optionalNumber("cpuTemperatureCelsius");
        if (cpu.isPresent() && (cpu.get() < -60 || cpu.get() > 150)) {
            throw JsonFields.schema("cpuTemperatureCelsius: must be -60…150, was " + cpu.get());
        }
        long heapUsed = f.integer("heapUsedBytes", 0, Long.MAX_VALUE);
        long heapMax = f.integer("heapMaxBytes", 0, Long.MAX_VALUE);
        long reconnects = f.integer("reconnects", 0, Long.MAX_VALUE);
        int failing = (int) f.integer("failingSources", 0, Integer.MAX_VALUE);
        Optional<Long> version = f.optionalInteger("settingsVersion", 1, Long.MAX_VALUE);
        Optional<GatewayHealth.Refusal> refusal = Optional.empty();
        Optional<JsonFields> r = f.optionalObject("settingsRefusal");
        if (r.isPresent()) {
            long refused = r.get().integer("version", 0, Long.MAX_VALUE);
            String reason = r.get().string("reason");
            if (reason.length() > MAX_REASON_LENGTH) {
                throw JsonFields.schema("settingsRefusal.reason: longer than " + MAX_REASON_LENGTH + " characters");
            }
            r.get().requireNoOthers();
            refusal = Optional.of(new GatewayHealth.Refusal(refused, reason));
        }
        GatewayHealth.Alarm alarm = alarm(f.object("alarm"));
        Optional<GatewayHealth.Outbox> outbox = Optional.empty();
        Optional<JsonFields> o = f.optionalObject("outbox");
        if (o.isPresent()) {
            outbox = Optional.of(outbox(o.get()));
        }
        List<GatewayHealth.SensorFault> faults = new ArrayList<>();
        for (JsonFields item : f.objects("sensorFaults", GatewayHealth.MAX_FAULTS)) {
            String sensor = item.id("sensor");
            String state = item.string("state");
            if (!GatewayHealth.SensorFault.STATES.contains(state)) {
                throw JsonFields.schema(item.path() + ".state: expected one of "
                        + new TreeSet<>(GatewayHealth.SensorFault.STATES) + ", was '" + state + "'");
            }
            item.requireNoOthers();
            faults.add(new GatewayHealth.SensorFault(sensor, state));
        }
        f.requireNoOthers();
        return new GatewayHealth(gateway, at, uptime, depth, oldest, disk, cpu, heapUsed, heapMax, reconnects,
                failing, version, refusal, alarm, outbox, faults);
    }

    private static GatewayHealth.Outbox outbox(JsonFields o) throws ProtocolException {
        String state = o.string("state");
        if (!GatewayHealth.Outbox.STATES.contains(state)) {
            throw JsonFields.schema("outbox.state: expected ok, near-full or full, was '" + state + "'");
        }
        GatewayHealth.Outbox outbox = new GatewayHealth.Outbox(state, o.integer("bytesUsed", 0, Long.MAX_VALUE),
                o.integer("budgetBytes", 0, Long.MAX_VALUE), o.integer("thinned", 0, Long.MAX_VALUE),
                o.integer("refused", 0, Long.MAX_VALUE), o.integer("diskFullErrors", 0, Long.MAX_VALUE));
        o.requireNoOthers();
        return outbox;
    }

    private static GatewayHealth.Alarm alarm(JsonFields a) throws ProtocolException {
        boolean sounding = a.bool("sounding");
        List<GatewayHealth.ActiveAlarm> active = new ArrayList<>();
        for (JsonFields item : a.objects("active", GatewayHealth.MAX_ACTIVE_ALARMS)) {
            String rule = item.id("rule");
            String sensor = item.id("sensor");
            String condition = item.string("condition");
            if (!CONDITIONS.contains(condition)) {
                throw JsonFields.schema(item.path() + ".condition: expected above, below or no_data, was '"
                        + condition + "'");
            }
            Instant since = Instant.ofEpochMilli(item.integer("sinceMs", 0, Long.MAX_VALUE / 2));
            boolean silenced = item.bool("silenced");
            item.requireNoOthers();
            active.add(new GatewayHealth.ActiveAlarm(rule, sensor, condition, since, silenced));
        }
        a.requireNoOthers();
        return new GatewayHealth.Alarm(sounding, active);
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_REASON_LENGTH ? s : s.substring(0, MAX_REASON_LENGTH - 3) + "...";
    }
}
