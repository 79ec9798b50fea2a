package org.coldwatch.gateway.coap;

import org.eclipse.californium.scandium.DtlsHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scandium's health hook, used only to count failed DTLS handshakes: a node with an unknown identity or a wrong key
 * never gets a CoAP answer, so this counter is the only trace of it.
 */
final class HandshakeCounter implements DtlsHealth {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeCounter.class);

    private final CoapStats stats;

    HandshakeCounter(CoapStats stats) {
        this.stats = stats;
    }

    @Override
    public void dump(String tag, int maxConnections, int remainingCapacity, int pendingWithoutVerify) {
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public void startHandshake() {
    }

    @Override
    public void endHandshake(boolean success) {
        if (!success) {
            stats.recordRefusal(CoapStats.DTLS_HANDSHAKE_FAILED);
            LOG.warn("coap: DTLS handshake failed (unknown PSK identity, wrong key or an abandoned handshake); {}"
                    + " so far", stats.refused(CoapStats.DTLS_HANDSHAKE_FAILED));
        }
    }

    @Override
    public void receivingRecord(boolean dropped) {
    }

    @Override
    public void sendingRecord(boolean dropped) {
    }
}
