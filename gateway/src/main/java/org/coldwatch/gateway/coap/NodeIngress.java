package org.coldwatch.gateway.coap;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where wireless sensor nodes deliver their measurements to the gateway. A running ingress turns each accepted
 * delivery into readings that are durable in the outbox before the node is told so; {@link #close()} stops it.
 */
public interface NodeIngress extends AutoCloseable {

    /** Counters since start. */
    CoapStats stats();

    /** Local address of the plain CoAP endpoint; empty when it does not run. */
    Optional<InetSocketAddress> plainAddress();

    /** Local address of the CoAP-over-DTLS endpoint; empty when it does not run (no node has a key). */
    Optional<InetSocketAddress> dtlsAddress();

    /** Stops listening. Idempotent. */
    @Override
    void close();

    /** An ingress that listens nowhere (CoAP disabled). */
    static NodeIngress disabled() {
        CoapStats none = new CoapStats();
        return new NodeIngress() {
            @Override
            public CoapStats stats() {
                return none;
            }

            @Override
            public Optional<InetSocketAddress> plainAddress() {
                return Optional.empty();
            }

            @Override
            public Optional<InetSocketAddress> dtlsAddress() {
                return Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }
}
