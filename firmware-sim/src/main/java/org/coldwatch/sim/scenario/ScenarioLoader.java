package org.coldwatch.sim.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.coldwatch.protocol.Limits;
import org.coldwatch.sim.produce.ProduceCatalog;
import org.coldwatch.sim.room.Ambient;
import org.coldwatch.sim.room.ClimateAmbient;
import org.coldwatch.sim.room.HumidifierSpec;
import org.coldwatch.sim.room.RefrigerationSpec;
import org.coldwatch.sim.room.RoomSpec;
import org.coldwatch.sim.room.RouteAmbient;

/**
 * Reads scenario files (YAML; the format is documented in {@code firmware-sim/README.md} and shown by the built-in
 * scenarios) and checks them once, with errors that name the file and the key. Room and refrigeration settings
 * override the defaults key by key, so a scenario only states what is special about it.
 */
public final class ScenarioLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    private static final Set<String> ROOT_KEYS = Set.of("title", "description", "signature", "start", "duration",
            "seed", "zone", "gateway", "room", "refrigeration", "humidifier", "ambient", "initial", "lots", "sensors",
            "doorRoutine", "events");

    private ScenarioLoader() {
    }

    /** The names of the scenarios shipped with firmware-sim, in the order of their index. */
    public static List<String> builtInNames() {
        try (InputStream in = resource("index")) {
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shipped scenario by name. */
    public static Scenario builtIn(String name) {
        if (!builtInNames().contains(name)) {
            throw new IllegalArgumentException("no built-in scenario '" + name + "'; known: " + builtInNames());
        }
        try (InputStream in = resource(name + ".yaml")) {
            return parse(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A built-in scenario by name, or a scenario file by path. */
    public static Scenario load(String nameOrPath) {
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path)) {
            try {
                String file = path.getFileName().toString();
                return parse(file.replaceFirst("\\.ya?ml$", ""), Files.readAllBytes(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read scenario " + path, e);
            }
        }
        return builtIn(nameOrPath);
    }

    private static InputStream resource(String name) {
        InputStream in = ScenarioLoader.class.getResourceAsStream("/scenarios/" + name);
        if (in == null) {
            throw new IllegalStateException("missing class-path resource /scenarios/" + name);
        }
        return in;
    }

    /**
     * Parses one scenario.
     *
     * @throws ScenarioException naming the scenario and the offending key
     */
    public static Scenario parse(String name, byte[] yaml) {
        try {
            JsonNode root = YAML.readTree(yaml);
            if (root == null || !root.isObject()) {
                throw new ScenarioException(name + ": a scenario file is a YAML mapping");
            }
            for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!ROOT_KEYS.contains(key)) {
                    throw new ScenarioException(name + ": unknown key '" + key + "'; known: " + ROOT_KEYS);
                }
            }
            ZoneId zone = ZoneId.of(text(root, "zone", "Asia/Shanghai"));
            Instant start = root.has("start") ? OffsetDateTime.parse(root.get("start").asText()).toInstant()
                    : Instant.parse("2026-10-05T00:00:00Z");
            Duration duration = Duration.parse(text(root, "duration", "P7D"));
            RoomSpec room = merged(root, "room", RoomSpec.villageStore(), RoomSpec.class);
            RefrigerationSpec unit = merged(root, "refrigeration", RefrigerationSpec.standard(),
                    RefrigerationSpec.class);
            HumidifierSpec humidifier = root.has("humidifier")
                    ? YAML.treeToValue(root.get("humidifier"), HumidifierSpec.class) : null;
            JsonNode initial = root.path("initial");
            List<LotSpec> lots = list(root, "lots", LotSpec.class);
            List<SensorSpec> sensors = list(root, "sensors", SensorSpec.class);
            List<EventSpec> events = list(root, "events", EventSpec.class);
            DoorRoutine routine = root.has("doorRoutine")
                    ? YAML.treeToValue(root.get("doorRoutine"), DoorRoutine.class) : null;
            Scenario scenario = new Scenario(name, text(root, "title", name), text(root, "description", ""),
                    text(root, "signature", ""), start, duration, root.path("seed").asLong(1), zone,
                    text(root, "gateway", "gw-" + name), room, unit, humidifier, ambient(root, start, zone),
                    initial.path("celsius").asDouble(unit.setpointCelsius()),
                    initial.path("relativeHumidityPercent").asDouble(90), lots, sensors, routine, events);
            check(scenario);
            return scenario;
        } catch (JsonProcessingException e) {
            throw new ScenarioException(name + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new ScenarioException(name + ": " + e.getMessage(), e);
        }
    }

    private static Ambient ambient(JsonNode root, Instant start, ZoneId zone) throws JsonProcessingException {
        JsonNode node = root.path("ambient");
        if (node.has("route")) {
            List<RouteAmbient.Leg> legs = new ArrayList<>();
            for (JsonNode leg : node.get("route")) {
                legs.add(YAML.treeToValue(leg, RouteAmbient.Leg.class));
            }
            return new RouteAmbient(start, legs);
        }
        ClimateAmbient defaults = ClimateAmbient.northChinaPlain();
        JsonNode climate = node.path("climate");
        return new ClimateAmbient(climate.path("annualMeanCelsius").asDouble(defaults.annualMeanCelsius()),
                climate.path("annualAmplitudeK").asDouble(defaults.annualAmplitudeK()),
                climate.path("dailySwingK").asDouble(defaults.dailySwingK()),
                climate.path("meanRelativeHumidityPercent").asDouble(defaults.meanRelativeHumidityPercent()), zone);
    }

    private static <T> T merged(JsonNode root, String key, T defaults, Class<T> type) throws JsonProcessingException {
        ObjectNode base = YAML.valueToTree(defaults);
        JsonNode override = root.get(key);
        if (override != null) {
            for (Iterator<String> keys = override.fieldNames(); keys.hasNext(); ) {
                String field = keys.next();
                if (!base.has(field)) {
                    throw new ScenarioException(key + ": unknown key '" + field + "'");
                }
            }
            base.setAll((ObjectNode) override);
        }
        return YAML.treeToValue(base, type);
    }

    private static <T> List<T> list(JsonNode root, String key, Class<T> type) throws JsonProcessingException {
        List<T> items = new ArrayList<>();
        for (JsonNode item : root.path(key)) {
            items.add(YAML.treeToValue(item, type));
        }
        return items;
    }

    private static String text(JsonNode root, String key, String otherwise) {
        return root.hasNonNull(key) ? root.get(key).asText().strip() : otherwise;
    }

    private static void check(Scenario s) {
        Set<String> lotIds = new HashSet<>();
        for (LotSpec lot : s.lots()) {
            ProduceCatalog.standard().get(lot.commodity());
            require(lotIds.add(lot.id()), "lot '" + lot.id() + "' appears twice");
        }
        Set<String> sensorIds = new HashSet<>();
        for (SensorSpec sensor : s.sensors()) {
            require(sensor.id() != null && Limits.ID_PATTERN.matcher(sensor.id()).matches(),
                    "sensor id '" + sensor.id() + "' must match " + Limits.ID_PATTERN.pattern());
            require(sensorIds.add(sensor.id()), "sensor '" + sensor.id() + "' appears twice");
            require(SensorSpec.TYPES.contains(sensor.type()),
                    "sensor '" + sensor.id() + "': type '" + sensor.type() + "', known: " + SensorSpec.TYPES);
        }
        for (EventSpec event : s.events()) {
            require(event.at() != null && !event.at().isNegative(), "every event needs 'at' ≥ 0");
            require(EventSpec.TYPES.contains(event.type()),
                    "event at " + event.at() + ": type '" + event.type() + "', known: " + EventSpec.TYPES);
            if (event.sensor() != null) {
                require(sensorIds.contains(event.sensor()), "event " + event.type() + " names unknown sensor '"
                        + event.sensor() + "'");
            }
            if (event.type().equals("inbound")) {
                require(event.lot() != null && event.commodity() != null && event.massKg() != null,
                        "inbound at " + event.at() + " needs lot, commodity and massKg");
                ProduceCatalog.standard().get(event.commodity());
                require(lotIds.add(event.lot()), "lot '" + event.lot() + "' appears twice");
            }
        }
        require(!s.duration().isNegative() && !s.duration().isZero(), "duration must be positive");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
