package org.coldwatch.sim.coap;

/**
 * What a node (or a set of nodes) has sent so far. Every pack sent ends in exactly one of acknowledged, refused or
 * failed; until then it is in flight: {@code sent = acknowledged + refused + failed + in flight}.
 *
 * @param sent         packs handed to CoAP (each counted once, however many retransmissions it took)
 * @param acknowledged packs the gateway answered with a success code
 * @param refused      packs the gateway answered with 4.xx
 * @param failed       packs answered with 5.xx or not at all (retransmissions exhausted, DTLS handshake failed)
 * @param transmissions datagrams the radio sent, including retransmissions and DTLS handshake flights
 */
public record NodeCounts(long sent, long acknowledged, long refused, long failed, long transmissions) {

    /** No packs yet. */
    public static NodeCounts zero() {
        return new NodeCounts(0, 0, 0, 0, 0);
    }

    /** The sum of these counts and {@code other}. */
    public NodeCounts plus(NodeCounts other) {
        return new NodeCounts(sent + other.sent, acknowledged + other.acknowledged, refused + other.refused,
                failed + other.failed, transmissions + other.transmissions);
    }

    /** Packs sent but not yet settled. */
    public long inFlight() {
        return sent - acknowledged - refused - failed;
    }
}
