package org.coldwatch.protocol;

/**
 * A payload that breaks the wire contract. Carries a stable {@link Problem} (used as a metrics label and mapped to an
 * MQTT reason code) and a precise, human-readable detail naming the offending field, e.g.
 * {@code readings[3].value: NaN is not a finite number}.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The classes of contract violation. */
    public enum Problem {
        /** Larger than {@link Limits#MAX_PAYLOAD_BYTES}. */
        PAYLOAD_TOO_LARGE,
        /** Not well-formed JSON, a field given twice, or not UTF-8. */
        MALFORMED_JSON,
        /** Well-formed JSON of the wrong shape: missing, unknown or mistyped fields. */
        SCHEMA_VIOLATION,
        /** No readings, or more than {@link Limits#MAX_READINGS_PER_BATCH}. */
        READING_COUNT,
        /** A value that is NaN or infinite. */
        NON_FINITE_VALUE,
        /** A value outside its kind's plausible range. */
        VALUE_OUT_OF_RANGE,
        /** A kind this contract version does not know. */
        UNKNOWN_KIND,
        /** A unit that is not the one its kind requires. */
        UNIT_MISMATCH,
        /** An id that does not match {@link Limits#ID_PATTERN}. */
        INVALID_ID;

        /** The label used in metrics, e.g. {@code non_finite_value}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Problem problem;

    public ProtocolException(Problem problem, String detail) {
        super(detail);
        this.problem = problem;
    }

    /** The class of violation. */
    public Problem problem() {
        return problem;
    }

    /** The precise description, naming the field. */
    public String detail() {
        return getMessage();
    }
}
