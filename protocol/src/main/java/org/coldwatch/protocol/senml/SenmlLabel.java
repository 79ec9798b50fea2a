package org.coldwatch.protocol.senml;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SenML labels of RFC 8428 section 4.3 (Table 1) with their JSON names (section 5, Table 2) and CBOR integer
 * labels (section 6, Table 4). Base labels have negative CBOR labels, the others non-negative ones. Table 4 is
 * conclusive: extensions use text keys in CBOR too, so an unknown integer key is an unknown field.
 */
enum SenmlLabel {
    BASE_VERSION("bver", -1),
    BASE_NAME("bn", -2),
    BASE_TIME("bt", -3),
    BASE_UNIT("bu", -4),
    BASE_VALUE("bv", -5),
    BASE_SUM("bs", -6),
    NAME("n", 0),
    UNIT("u", 1),
    VALUE("v", 2),
    STRING_VALUE("vs", 3),
    BOOLEAN_VALUE("vb", 4),
    SUM("s", 5),
    TIME("t", 6),
    UPDATE_TIME("ut", 7),
    DATA_VALUE("vd", 8);

    private static final Map<String, SenmlLabel> BY_JSON_NAME = new HashMap<>();
    /** Jackson's CBOR parser reports an integer map key as its decimal text, e.g. {@code "-2"}. */
    private static final Map<String, SenmlLabel> BY_CBOR_KEY = new HashMap<>();

    static {
        for (SenmlLabel label : values()) {
            BY_JSON_NAME.put(label.json, label);
            BY_CBOR_KEY.put(Integer.toString(label.cbor), label);
        }
    }

    final String json;
    final int cbor;

    SenmlLabel(String json, int cbor) {
        this.json = json;
        this.cbor = cbor;
    }

    /** The label a map key stands for in {@code format}; empty for keys this version of SenML does not define. */
    static Optional<SenmlLabel> of(String key, SenmlFormat format) {
        return Optional.ofNullable(format == SenmlFormat.JSON ? BY_JSON_NAME.get(key) : BY_CBOR_KEY.get(key));
    }
}
