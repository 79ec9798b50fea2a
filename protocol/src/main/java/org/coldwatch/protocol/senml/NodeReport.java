package org.coldwatch.protocol.senml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.senml.SenmlException.Problem;

/**
 * What one wireless node reported in one pack, in ColdWatch terms: cold-room readings and node health.
 *
 * <p>The name scheme: every resolved name is {@code <nodeId>/<quantity>}, where the node id follows
 * {@link Limits#ID_PATTERN} (and, over DTLS, equals the PSK identity) and the quantity is a {@link NodeQuantity}.
 * Nodes send {@code bn = "<nodeId>/"} once and {@code n = "temperature"} etc. per record. A reading's sensor id is
 * the node id; its kind follows from the quantity, whose unit the record must carry exactly.
 *
 * @param nodeId   the node all records belong to
 * @param readings temperature, humidity, weight and door readings, in time order
 * @param health   battery voltage and charge, in time order
 */
public record NodeReport(String nodeId, List<Reading> readings, List<NodeHealth> health) {

    public NodeReport {
        Objects.requireNonNull(nodeId, "nodeId");
        readings = List.copyOf(readings);
        health = List.copyOf(health);
    }

    /** The base name a node puts in its first record: {@code <nodeId>/}. */
    public static String baseName(String nodeId) {
        return nodeId + "/";
    }

    /**
     * Interprets resolved records of one pack.
     *
     * @throws SenmlException the first record that breaks the name scheme, names an unknown quantity, has the wrong
     *                        unit or value type or an implausible value; also a pack without any record
     */
    public static NodeReport of(List<ResolvedRecord> records) throws SenmlException {
        if (records.isEmpty()) {
            throw new SenmlException(Problem.RECORD_COUNT, "the pack holds base fields only and no measurement");
        }
        String nodeId = null;
        List<Reading> readings = new ArrayList<>();
        List<NodeHealth> health = new ArrayList<>();
        for (ResolvedRecord r : records) {
            String at = "'" + Resolver.abbreviate(r.name()) + "' at " + r.time();
            int slash = r.name().indexOf('/');
            String id = slash < 0 ? r.name() : r.name().substring(0, slash);
            if (slash < 0 || !Limits.isValidId(id)) {
                throw new SenmlException(Problem.NAME_SCHEME, at + ": expected <nodeId>/<quantity>, e.g."
                        + " node-7/temperature, with a node id of 1-64 of A-Z a-z 0-9 . _ - starting with a letter"
                        + " or digit");
            }
            if (nodeId != null && !nodeId.equals(id)) {
                throw new SenmlException(Problem.MIXED_NODES, at + ": node '" + id + "' in a pack of node '" + nodeId
                        + "'; a pack carries the records of one node");
            }
            nodeId = id;
            String segment = r.name().substring(slash + 1);
            NodeQuantity quantity = NodeQuantity.ofSenmlName(segment).orElseThrow(() -> new SenmlException(
                    Problem.UNKNOWN_QUANTITY, at + ": unknown quantity '" + segment + "' (known: "
                    + NodeQuantity.known() + ")"));
            double value = value(at, quantity, r);
            if (quantity.readingKind().isPresent()) {
                readings.add(Reading.of(id, quantity.readingKind().get(), value, r.time()));
            } else {
                health.add(NodeHealth.of(id, quantity, value, r.time()));
            }
        }
        return new NodeReport(nodeId, readings, health);
    }

    private static double value(String at, NodeQuantity quantity, ResolvedRecord r) throws SenmlException {
        if (!quantity.unit().equals(r.unit())) {
            throw new SenmlException(Problem.UNIT_MISMATCH, at + ": " + quantity.senmlName() + (quantity.unit()
                    .isEmpty() ? " carries no unit" : " must be in '" + quantity.unit() + "'") + ", was '"
                    + r.unit() + "'");
        }
        SenmlValue v = r.value().orElse(null);
        double value;
        if (quantity.isBoolean() && v instanceof SenmlValue.Bool bool) {
            value = bool.value() ? 1.0 : 0.0;
        } else if (!quantity.isBoolean() && v instanceof SenmlValue.Numeric numeric) {
            value = numeric.value();
        } else {
            throw new SenmlException(Problem.VALUE_TYPE, at + ": " + quantity.senmlName() + " needs "
                    + (quantity.isBoolean() ? "a boolean (vb)" : "a number (v)") + ", found " + describe(v));
        }
        if (!quantity.isPlausible(value)) {
            throw new SenmlException(Problem.VALUE_OUT_OF_RANGE, at + ": " + value + " " + r.unit()
                    + " is outside the plausible range " + quantity.range() + " for " + quantity.senmlName());
        }
        return value;
    }

    private static String describe(SenmlValue v) {
        if (v == null) {
            return "only a sum";
        }
        if (v instanceof SenmlValue.Text) {
            return "a string (vs)";
        }
        if (v instanceof SenmlValue.Data) {
            return "data (vd)";
        }
        return v instanceof SenmlValue.Bool ? "a boolean (vb)" : "a number (v)";
    }

    /** All readings of {@code kind}, in time order. */
    public List<Reading> readings(ReadingKind kind) {
        return readings.stream().filter(r -> r.kind() == kind).toList();
    }
}
