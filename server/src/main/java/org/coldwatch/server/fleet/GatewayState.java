package org.coldwatch.server.fleet;

import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * What the server asks of each gateway and what the gateway last reported: desired settings (versioned) and the
 * latest health report. All methods block.
 */
public interface GatewayState extends AutoCloseable {

    /**
     * A payload with its version and time.
     *
     * @param version the settings version (0 for health)
     * @param payload UTF-8 JSON as published or received
     * @param at      when it was saved or received
     */
    record Stored(long version, byte[] payload, Instant at) {
    }

    /**
     * Saves the next settings version of a gateway: {@code payloadOfVersion} is asked for the payload of version
     * (current + 1), and that is stored, all under one lock so that versions never repeat.
     *
     * @throws IllegalArgumentException from {@code payloadOfVersion} (invalid settings); nothing is saved then
     */
    Stored saveNextSettings(String gatewayId, LongFunction<byte[]> payloadOfVersion);

    /** The desired settings of a gateway, if any were ever set. */
    Optional<Stored> settings(String gatewayId);

    /** Replaces the gateway's latest health report. */
    void saveHealth(String gatewayId, byte[] payload, Instant receivedAt);

    /** The latest health report, if any. */
    Optional<Stored> health(String gatewayId);

    @Override
    void close();
}
