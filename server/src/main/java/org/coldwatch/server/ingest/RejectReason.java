package org.coldwatch.server.ingest;

import java.util.Locale;
import org.coldwatch.protocol.ProtocolException.Problem;

/**
 * Why the server refused a connection or a message: the client's fault, always with a stable label for metrics and an
 * MQTT 5 reason code for the answer.
 */
public enum RejectReason {
    /** CONNECT with a user name that is no registered gateway. */
    UNKNOWN_GATEWAY(0x86),
    /** CONNECT with a wrong secret. */
    BAD_SECRET(0x86),
    /** CONNECT whose client id differs from the user name. */
    CLIENT_ID_MISMATCH(0x85),
    /** A publish or subscription on a topic that is not the gateway's own, or not ours at all. */
    FOREIGN_TOPIC(0x87),
    /** A batch whose {@code gateway} field names another gateway than the authenticated one. */
    GATEWAY_MISMATCH(0x87),
    /** A measurement time outside the accepted window. */
    MEASUREMENT_TIME(0x99),
    /** An MQTT frame larger than the endpoint accepts at all; the connection is closed. */
    FRAME_TOO_LARGE(0x95),
    PAYLOAD_TOO_LARGE(0x99),
    MALFORMED_JSON(0x99),
    SCHEMA_VIOLATION(0x99),
    READING_COUNT(0x99),
    NON_FINITE_VALUE(0x99),
    VALUE_OUT_OF_RANGE(0x99),
    UNKNOWN_KIND(0x99),
    UNIT_MISMATCH(0x99),
    INVALID_ID(0x99);

    private final int mqttReasonCode;

    RejectReason(int mqttReasonCode) {
        this.mqttReasonCode = mqttReasonCode;
    }

    /** The MQTT 5 reason code sent with the refusal (CONNACK or PUBACK). */
    public int mqttReasonCode() {
        return mqttReasonCode;
    }

    /** The metrics label, e.g. {@code non_finite_value}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason for a wire-contract violation. */
    public static RejectReason of(Problem problem) {
        return valueOf(problem.name());
    }
}
