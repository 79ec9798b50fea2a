package org.coldwatch.protocol.senml;

import java.util.Locale;

/**
 * A SenML payload that breaks RFC 8428 or the ColdWatch node contract. Carries a stable {@link Problem} (a metrics
 * label, mapped to a CoAP response code by {@link Problem#coapCode()}) and a precise detail naming the record and
 * field, e.g. {@code [2].v: NaN is not a finite number}. Record indexes count from 0 in the order of the pack.
 *
 * <p>{@code org.coldwatch.protocol.ProtocolException} is not reused: its problems are the MQTT telemetry contract,
 * mirrored one to one by the server's refusal reasons, and name JSON where SenML also travels as CBOR.
 */
public final class SenmlException extends Exception {
    private static final long serialVersionUID = 1L;

    /** CoAP response codes as {@code class << 5 | detail} (RFC 7252 section 3, "c.dd"). */
    /** 4.00 Bad Request, RFC 7252 section 5.9.2.1. */
    private static final int CODE_4_00 = 4 << 5;
    /** 4.13 Request Entity Too Large, RFC 7252 section 5.9.2.9. */
    private static final int CODE_4_13 = 4 << 5 | 13;
    /** 4.15 Unsupported Content-Format, RFC 7252 section 5.9.2.10. */
    private static final int CODE_4_15 = 4 << 5 | 15;

    /** The classes of violation. All but two are answered with 4.00 Bad Request. */
    public enum Problem {
        /** A CoAP Content-Format other than 110 (senml+json) or 112 (senml+cbor); answered with 4.15. */
        UNSUPPORTED_CONTENT_FORMAT(CODE_4_15),
        /** Larger than {@link SenmlLimits#MAX_PACK_BYTES}; answered with 4.13. */
        PACK_TOO_LARGE(CODE_4_13),
        /** Not well-formed JSON or CBOR, a label given twice, trailing data, not UTF-8, an indefinite-length pack. */
        MALFORMED(CODE_4_00),
        /** Well-formed, wrong shape: not an array of maps, a field of the wrong type, a bad base64url data value. */
        SCHEMA_VIOLATION(CODE_4_00),
        /** No records, or more than {@link SenmlLimits#MAX_RECORDS}. */
        RECORD_COUNT(CODE_4_00),
        /** A field this receiver does not know whose label ends in '_' (RFC 8428 section 4.4). */
        UNKNOWN_MANDATORY_FIELD(CODE_4_00),
        /** A version newer than 10, or records of one pack with different versions (RFC 8428 section 4.4). */
        UNSUPPORTED_VERSION(CODE_4_00),
        /** Neither a name nor an earlier base name (RFC 8428 section 4.2). */
        MISSING_NAME(CODE_4_00),
        /** A concatenated name outside the character set of RFC 8428 section 4.5.1. */
        INVALID_NAME(CODE_4_00),
        /** Several of v, vs, vb, vd in one record, or none without a sum (RFC 8428 section 4.2). */
        VALUE_COUNT(CODE_4_00),
        /** NaN or an infinity in a numeric field. */
        NON_FINITE_NUMBER(CODE_4_00),
        /** A time outside the range {@link SenmlTimes} can represent. */
        TIME_OUT_OF_RANGE(CODE_4_00),
        /** ColdWatch: a name that is not {@code <nodeId>/<quantity>} with a valid node id. */
        NAME_SCHEME(CODE_4_00),
        /** ColdWatch: records of more than one node in one pack. */
        MIXED_NODES(CODE_4_00),
        /** ColdWatch: a quantity not in {@link NodeQuantity}. */
        UNKNOWN_QUANTITY(CODE_4_00),
        /** ColdWatch: a unit other than the quantity's unit. */
        UNIT_MISMATCH(CODE_4_00),
        /** ColdWatch: a string, data or missing value where the quantity needs a number or a boolean. */
        VALUE_TYPE(CODE_4_00),
        /** ColdWatch: a value outside the quantity's plausible range. */
        VALUE_OUT_OF_RANGE(CODE_4_00);

        private final int coapCode;

        Problem(int coapCode) {
            this.coapCode = coapCode;
        }

        /** The label used in metrics, e.g. {@code value_count}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The CoAP response code a gateway answers with, encoded as {@code class << 5 | detail} (RFC 7252 section 3):
         * 143 (4.15), 141 (4.13) or 128 (4.00). Californium's {@code ResponseCode.valueOf(int)} takes this number.
         */
        public int coapCode() {
            return coapCode;
        }
    }

    private final Problem problem;

    /** A violation of class {@code problem}, described by {@code detail}. */
    public SenmlException(Problem problem, String detail) {
        super(detail);
        this.problem = problem;
    }

    /** The class of violation. */
    public Problem problem() {
        return problem;
    }

    /** The precise description, naming record and field. */
    public String detail() {
        return getMessage();
    }

    /** The diagnostic payload a gateway sends with its error response: {@code <label>: <detail>}. */
    public String diagnostic() {
        return problem.label() + ": " + getMessage();
    }
}
