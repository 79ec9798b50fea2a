package org.coldwatch.gateway.coap;

import org.eclipse.californium.scandium.DtlsHealth;

/**
 * Scandium's health hook, used to count what a node that cannot authenticate leaves behind: handshakes that failed
 * ({@value CoapStats#DTLS_HANDSHAKE_FAILED}) and records dropped ({@value CoapStats#DTLS_RECORDS_DROPPED}), which
 * is how a wrong key shows: its Finished message fails decryption and is dropped, once per retransmission. Such a
 * node never gets a CoAP answer, so these counters are its only trace.
 */
final class HandshakeCounter implements DtlsHealth {
    private final CoapStats stats;

    HandshakeCounter(CoapStats stats) {
        this.stats = stats;
    }

    @Override
    public void dump(String tag, int maxConnections, int remainingCapacity, int pendingWithoutVerify) {
        // Counters are read from CoapStats; Scandium's periodic dump is not used.
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public void startHandshake() {
        // Only failures are counted.
    }

    @Override
    public void endHandshake(boolean success) {
        if (!success) {
            stats.recordRefusal(CoapStats.DTLS_HANDSHAKE_FAILED);
        }
    }

    @Override
    public void receivingRecord(boolean dropped) {
        if (dropped) {
            stats.recordRefusal(CoapStats.DTLS_RECORDS_DROPPED);
        }
    }

    @Override
    public void sendingRecord(boolean dropped) {
        // Outgoing drops are ours, not a node's; Californium reports send errors per exchange.
    }
}
