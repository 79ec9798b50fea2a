package org.coldwatch.protocol.senml;

/** The explicit limits of the ColdWatch SenML contract. Changing one is a contract change (see docs/protocol.md). */
public final class SenmlLimits {
    /**
     * Largest pack a gateway accepts, in bytes: the payload size that fits one CoAP message over UDP when nothing is
     * known about the path MTU (RFC 7252 section 4.6), so no block-wise transfer (RFC 7959) is ever needed.
     */
    public static final int MAX_PACK_BYTES = 1_024;
    /** Most records in one pack: a few quantities per round plus a node's backlog. A ColdWatch choice. */
    public static final int MAX_RECORDS = 100;
    /** The SenML version defined by RFC 8428 and the default of bver (RFC 8428 section 4.1). */
    public static final int SENML_VERSION = 10;

    private SenmlLimits() {
    }
}
