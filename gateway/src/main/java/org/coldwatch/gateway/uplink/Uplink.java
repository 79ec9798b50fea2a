package org.coldwatch.gateway.uplink;

/**
 * Sends the outbox's batches to the server and removes each one only on the server's answer: acknowledged batches
 * are deleted, refused batches are quarantined. Keeps reconnecting on its own until closed.
 */
public interface Uplink extends AutoCloseable {

    /** Starts connecting and sending in the background; returns at once. */
    void start();

    /** Counters since start. */
    UplinkStats stats();

    /** Stops sending, announces the gateway offline and disconnects cleanly. Idempotent. */
    @Override
    void close();
}
