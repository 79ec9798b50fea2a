package org.coldwatch.gateway.uplink;

import java.util.function.Consumer;
import org.coldwatch.protocol.Topics;

/**
 * Sends the outbox's batches to the server and removes each one only on the server's answer: acknowledged batches
 * are deleted, refused batches are quarantined. Keeps reconnecting on its own until closed.
 */
public interface Uplink extends AutoCloseable {

    /** Starts connecting and sending in the background; returns at once. */
    void start();

    /**
     * Hands every configuration message the server publishes for this gateway to {@code listener}, on the MQTT
     * client's thread (it must not block long). Replaces any earlier listener.
     */
    void onConfig(Consumer<byte[]> listener);

    /**
     * Publishes a snapshot (health report, alarm event) at QoS 0 if connected now; nothing is buffered.
     *
     * @return whether it was handed to the connection
     */
    boolean publishSnapshot(Topics.Channel channel, byte[] payload);

    /** Counters since start. */
    UplinkStats stats();

    /** Stops sending, announces the gateway offline and disconnects cleanly. Idempotent. */
    @Override
    void close();
}
