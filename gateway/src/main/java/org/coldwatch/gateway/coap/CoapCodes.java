package org.coldwatch.gateway.coap;

/**
 * The CoAP response codes the node ingress answers with, as {@code class << 5 | detail} (RFC 7252 section 3, "c.dd"),
 * the number Californium's {@code ResponseCode.valueOf(int)} takes. Kept here so that the admission logic needs no
 * CoAP library.
 */
final class CoapCodes {
    /** 2.04 Changed, RFC 7252 section 5.9.1.4: the pack is stored. */
    static final int CHANGED = 2 << 5 | 4;
    /** 4.00 Bad Request, section 5.9.2.1. */
    static final int BAD_REQUEST = 4 << 5;
    /** 4.01 Unauthorized, section 5.9.2.2: this node must authenticate (use DTLS). */
    static final int UNAUTHORIZED = 4 << 5 | 1;
    /** 4.03 Forbidden, section 5.9.2.4: an unknown node, or a node posting under another's identity. */
    static final int FORBIDDEN = 4 << 5 | 3;
    /** 4.13 Request Entity Too Large, section 5.9.2.9. */
    static final int REQUEST_ENTITY_TOO_LARGE = 4 << 5 | 13;
    /** 5.03 Service Unavailable, section 5.9.3.4: retry after Max-Age seconds. */
    static final int SERVICE_UNAVAILABLE = 5 << 5 | 3;

    private CoapCodes() {
    }

    /** {@code 4.03} for 131. */
    static String text(int code) {
        return (code >> 5) + "." + String.format("%02d", code & 0x1f);
    }
}
