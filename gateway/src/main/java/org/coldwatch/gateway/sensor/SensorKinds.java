package org.coldwatch.gateway.sensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.coldwatch.gateway.config.ConfigException;
import org.coldwatch.gateway.config.SensorSpec;

/** The {@link SensorKind}s on the class path, by name; turns the configuration's {@code sensors:} into sources. */
public final class SensorKinds {
    private final Map<String, SensorKind> byName;

    private SensorKinds(Map<String, SensorKind> byName) {
        this.byName = byName;
    }

    /**
     * Every kind {@link ServiceLoader} finds with this class's loader.
     *
     * @throws IllegalStateException when two kinds share a name
     */
    public static SensorKinds load() {
        Map<String, SensorKind> kinds = new LinkedHashMap<>();
        for (SensorKind kind : ServiceLoader.load(SensorKind.class, SensorKinds.class.getClassLoader())) {
            SensorKind previous = kinds.putIfAbsent(kind.name(), kind);
            if (previous != null) {
                throw new IllegalStateException("two sensor kinds are named '" + kind.name() + "': "
                        + previous.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
        return new SensorKinds(kinds);
    }

    /** The kind with this name. */
    public Optional<SensorKind> kind(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The names of all kinds, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeSet<>(byName.keySet()));
    }

    /**
     * Checks every spec's kind and parameters without touching hardware, and that no two claim the same pin, address
     * or probe.
     *
     * @throws ConfigException naming the first bad {@code sensors[i].key}
     */
    public void validate(List<SensorSpec> specs) {
        Map<String, SensorSpec> claimed = new LinkedHashMap<>();
        for (SensorSpec spec : specs) {
            SensorKind kind = kindOf(spec);
            kind.validate(spec);
            for (Map.Entry<String, String> claim : kind.claims(spec).entrySet()) {
                SensorSpec other = claimed.putIfAbsent(claim.getKey(), spec);
                if (other != null) {
                    throw new ConfigException(spec.key(claim.getValue()) + ": " + claim.getKey()
                            + " is already used by sensors[" + other.index() + "] (" + other.id() + ")");
                }
            }
        }
    }

    /**
     * Builds one source per spec, in order. If one fails, the ones already built are closed.
     *
     * @throws ConfigException naming the first bad {@code sensors[i].key}
     */
    public List<SensorSource> create(List<SensorSpec> specs, SensorContext ctx) {
        validate(specs);
        List<SensorSource> sources = new ArrayList<>();
        try {
            for (SensorSpec spec : specs) {
                sources.add(kindOf(spec).create(spec, ctx));
            }
        } catch (RuntimeException e) {
            sources.forEach(SensorSource::close);
            throw e;
        }
        return sources;
    }

    private SensorKind kindOf(SensorSpec spec) {
        SensorKind kind = byName.get(spec.kind());
        if (kind == null) {
            throw new ConfigException(spec.key("kind") + ": unknown sensor kind '" + spec.kind() + "' (known: "
                    + String.join(", ", names()) + ")");
        }
        return kind;
    }
}
