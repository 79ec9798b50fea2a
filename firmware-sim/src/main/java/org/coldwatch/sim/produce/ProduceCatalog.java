package org.coldwatch.sim.produce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The commodities the simulator knows, read once from {@code produce/catalog.yaml} on the class path. */
public final class ProduceCatalog {
    private static final ProduceCatalog STANDARD = load("/produce/catalog.yaml");

    private final Map<String, Commodity> byId;

    private ProduceCatalog(Map<String, Commodity> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** The shipped catalog. */
    public static ProduceCatalog standard() {
        return STANDARD;
    }

    /**
     * The commodity with this id.
     *
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public Commodity get(String id) {
        Commodity commodity = byId.get(id);
        if (commodity == null) {
            throw new IllegalArgumentException("unknown commodity '" + id + "', known: " + byId.keySet());
        }
        return commodity;
    }

    /** Every commodity, in catalog order. */
    public Map<String, Commodity> all() {
        return byId;
    }

    static ProduceCatalog load(String resource) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = ProduceCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            JsonNode root = yaml.readTree(in);
            Map<String, Commodity> byId = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : root.properties()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) entry.getValue()).put("id", entry.getKey());
                byId.put(entry.getKey(), yaml.treeToValue(entry.getValue(), Commodity.class));
            }
            return new ProduceCatalog(byId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read produce catalog " + resource, e);
        }
    }

    @Override
    public String toString() {
        return "ProduceCatalog" + new ArrayList<>(byId.keySet());
    }
}
