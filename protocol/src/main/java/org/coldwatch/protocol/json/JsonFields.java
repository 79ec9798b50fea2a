package org.coldwatch.protocol.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.ProtocolException.Problem;

/**
 * One JSON object being read strictly: every getter names the field's path in its error, types are exact (an integer
 * field refuses {@code 1.5} and {@code "1"}), and {@link #requireNoOthers()} refuses fields nobody asked for.
 */
public final class JsonFields {
    /** Marks an explicit JSON {@code null}. */
    static final Object NULL = new Object();

    private final String path;
    private final Map<String, Object> values;
    private final Set<String> read = new LinkedHashSet<>();

    JsonFields(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    private String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private Optional<Object> raw(String field) {
        read.add(field);
        Object value = values.get(field);
        if (value == NULL) {
            value = null;
        }
        return Optional.ofNullable(value);
    }

    private Object required(String field) throws ProtocolException {
        return raw(field).orElseThrow(() -> schema(at(field) + ": missing"));
    }

    /** A required string. */
    public String string(String field) throws ProtocolException {
        Object v = required(field);
        if (!(v instanceof String s)) {
            throw schema(at(field) + ": expected a string");
        }
        return s;
    }

    /** An optional string (absent or null → empty). */
    public Optional<String> optionalString(String field) throws ProtocolException {
        if (raw(field).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(string(field));
    }

    /** A required id ({@link Limits#ID_PATTERN}). */
    public String id(String field) throws ProtocolException {
        String s = string(field);
        if (!Limits.isValidId(s)) {
            throw new ProtocolException(Problem.INVALID_ID, at(field) + ": '" + abbreviate(s) + "' is not a valid id");
        }
        return s;
    }

    /** A required integer within {@code min…max}. */
    public long integer(String field, long min, long max) throws ProtocolException {
        return integerOf(at(field), required(field), min, max);
    }

    /** An optional integer within {@code min…max}. */
    public Optional<Long> optionalInteger(String field, long min, long max) throws ProtocolException {
        Optional<Object> v = raw(field);
        return v.isEmpty() ? Optional.empty() : Optional.of(integerOf(at(field), v.get(), min, max));
    }

    private static long integerOf(String at, Object v, long min, long max) throws ProtocolException {
        if (!(v instanceof BigDecimal n) || n.scale() > 0 && n.stripTrailingZeros().scale() > 0) {
            throw schema(at + ": expected an integer");
        }
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw schema(at + ": must be " + min + "…" + max + ", was " + abbreviate(n.toPlainString()));
        }
        return n.longValueExact();
    }

    /** A required finite number. */
    public double number(String field) throws ProtocolException {
        return numberOf(at(field), required(field));
    }

    /** An optional finite number. */
    public Optional<Double> optionalNumber(String field) throws ProtocolException {
        Optional<Object> v = raw(field);
        return v.isEmpty() ? Optional.empty() : Optional.of(numberOf(at(field), v.get()));
    }

    private static double numberOf(String at, Object v) throws ProtocolException {
        if (v instanceof Double d) {
            throw new ProtocolException(Problem.NON_FINITE_VALUE, at + ": " + d + " is not a finite number");
        }
        if (!(v instanceof BigDecimal n)) {
            throw schema(at + ": expected a number");
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new ProtocolException(Problem.NON_FINITE_VALUE, at + ": " + abbreviate(n.toString())
                    + " is not a finite number");
        }
        return d;
    }

    /** A required boolean. */
    public boolean bool(String field) throws ProtocolException {
        Object v = required(field);
        if (!(v instanceof Boolean b)) {
            throw schema(at(field) + ": expected true or false");
        }
        return b;
    }

    /** An optional nested object. */
    public Optional<JsonFields> optionalObject(String field) throws ProtocolException {
        Optional<Object> v = raw(field);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(objectOf(at(field), v.get()));
    }

    /** A required nested object. */
    public JsonFields object(String field) throws ProtocolException {
        return objectOf(at(field), required(field));
    }

    @SuppressWarnings("unchecked")
    private static JsonFields objectOf(String at, Object v) throws ProtocolException {
        if (!(v instanceof Map<?, ?> map)) {
            throw schema(at + ": expected an object");
        }
        return new JsonFields(at, (Map<String, Object>) map);
    }

    /** An optional array of objects, at most {@code maxItems} long; absent → empty list. */
    public List<JsonFields> objects(String field, int maxItems) throws ProtocolException {
        Optional<Object> v = raw(field);
        if (v.isEmpty()) {
            return List.of();
        }
        if (!(v.get() instanceof List<?> list)) {
            throw schema(at(field) + ": expected an array");
        }
        if (list.size() > maxItems) {
            throw schema(at(field) + ": more than " + maxItems + " items");
        }
        List<JsonFields> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            items.add(objectOf(at(field) + "[" + i + "]", list.get(i)));
        }
        return items;
    }

    /** The names of this object's fields, in document order. */
    public Set<String> names() {
        return values.keySet();
    }

    /** This object's path, e.g. {@code alarmRules[2]}; empty at the top. */
    public String path() {
        return path;
    }

    /** Marks every field as read (for maps whose keys are data, like sensor ids). */
    public void markAllRead() {
        read.addAll(values.keySet());
    }

    /** @throws ProtocolException naming the first field that no getter asked for */
    public void requireNoOthers() throws ProtocolException {
        for (String name : values.keySet()) {
            if (!read.contains(name)) {
                throw schema(at(name) + ": unknown field (allowed: " + String.join(", ", read) + ")");
            }
        }
    }

    /** A schema violation with this detail. */
    public static ProtocolException schema(String detail) {
        return new ProtocolException(Problem.SCHEMA_VIOLATION, detail);
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
