package org.coldwatch.gateway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the configuration's {@code sensors:} list, before its kind has interpreted it. The gateway checks the id
 * (a valid wire id, unique); the kind ({@code org.coldwatch.gateway.sensor.SensorKind}) checks its own parameters.
 *
 * @param index  position in the {@code sensors:} list, for error messages ({@code sensors[2].address: ...})
 * @param id     the sensor id readings carry
 * @param kind   the kind's name, e.g. {@code sht3x}
 * @param room   the room the sensor is in, or {@code null}
 * @param params every other key of the entry, as the YAML parser produced it (numbers, strings, booleans)
 */
public record SensorSpec(int index, String id, String kind, String room, Map<String, Object> params) {

    /** Copies {@code params}; it may hold null values (a key written without a value). */
    public SensorSpec {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A spec from code (tests, demo), at position {@code index}. */
    public static SensorSpec of(int index, String id, String kind, Map<String, Object> params) {
        return new SensorSpec(index, id, kind, null, params);
    }

    /** The key path of one of this entry's parameters, e.g. {@code sensors[2].address}. */
    public String key(String param) {
        return "sensors[" + index + "]." + Objects.requireNonNull(param, "param");
    }
}
