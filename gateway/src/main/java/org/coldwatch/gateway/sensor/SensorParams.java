package org.coldwatch.gateway.sensor;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.coldwatch.gateway.config.ConfigException;
import org.coldwatch.gateway.config.SensorSpec;

/**
 * Typed access to a {@link SensorSpec}'s parameters for {@link SensorKind} implementations. Every accessor either
 * returns a valid value or throws a {@link ConfigException} naming the key, e.g. {@code sensors[2].address: must be
 * 0x03…0x77, was 0x90}. Integers may be written in decimal or as {@code 0x..} hex strings.
 */
public final class SensorParams {
    private final SensorSpec spec;

    /**
     * @param spec  the entry
     * @param known every parameter this kind accepts; any other is an error
     * @throws ConfigException naming the first unknown parameter
     */
    public SensorParams(SensorSpec spec, Set<String> known) {
        this.spec = spec;
        for (String key : spec.params().keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException(spec.key(key) + ": unknown parameter for kind " + spec.kind() + " (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    /** The spec these parameters belong to. */
    public SensorSpec spec() {
        return spec;
    }

    /** An integer within {@code min…max}, or {@code fallback} when absent. */
    public long integer(String name, long fallback, long min, long max) {
        Object raw = spec.params().get(name);
        long value;
        if (raw == null) {
            value = fallback;
        } else if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            value = ((Number) raw).longValue();
        } else if (raw instanceof String s && s.toLowerCase(Locale.ROOT).startsWith("0x")) {
            try {
                value = Long.parseLong(s.substring(2), 16);
            } catch (NumberFormatException e) {
                throw bad(name, "must be an integer, was '" + s + "'");
            }
        } else {
            throw bad(name, "must be an integer, was '" + raw + "'");
        }
        if (value < min || value > max) {
            throw bad(name, "must be " + min + "…" + max + ", was " + value);
        }
        return value;
    }

    /** A required integer within {@code min…max}. */
    public long requiredInteger(String name, long min, long max) {
        require(name);
        return integer(name, 0, min, max);
    }

    /** A finite number within {@code min…max}, or {@code fallback} when absent. */
    public double decimal(String name, double fallback, double min, double max) {
        Object raw = spec.params().get(name);
        double value;
        if (raw == null) {
            value = fallback;
        } else if (raw instanceof Number n) {
            value = n.doubleValue();
        } else {
            throw bad(name, "must be a number, was '" + raw + "'");
        }
        if (!Double.isFinite(value) || value < min || value > max) {
            throw bad(name, "must be " + min + "…" + max + ", was " + value);
        }
        return value;
    }

    /** A non-blank string, or {@code fallback} when absent. */
    public String string(String name, String fallback) {
        Object raw = spec.params().get(name);
        if (raw == null) {
            return fallback;
        }
        if (!(raw instanceof String s) || s.isBlank()) {
            throw bad(name, "must be a non-empty string, was '" + raw + "'");
        }
        return s;
    }

    /** A required non-blank string. */
    public String requiredString(String name) {
        require(name);
        return string(name, null);
    }

    /** One of {@code allowed} (case-insensitive, returned lower-case), or {@code fallback} when absent. */
    public String oneOf(String name, String fallback, List<String> allowed) {
        String value = string(name, fallback).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw bad(name, "must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
        }
        return value;
    }

    /** A path, or {@code fallback} when absent. */
    public Path path(String name, Path fallback) {
        String value = string(name, null);
        return value == null ? fallback : Path.of(value);
    }

    /** A ConfigException naming {@code name} of this entry. */
    public ConfigException bad(String name, String problem) {
        return new ConfigException(spec.key(name) + ": " + problem);
    }

    private void require(String name) {
        if (spec.params().get(name) == null) {
            throw bad(name, "missing (required for kind " + spec.kind() + ")");
        }
    }
}
