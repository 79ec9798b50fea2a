package org.coldwatch.server.ingest;

import org.coldwatch.protocol.Limits;
import org.coldwatch.server.ingest.limits.GatewayRateLimiter;

/**
 * What the built-in MQTT endpoint takes before it slows down or refuses.
 *
 * @param maxConnections   gateways connected at once; the next one is refused (MQTT 5: 0x97 quota exceeded)
 * @param rates            per-gateway messages and readings per second; acknowledgements wait above them
 * @param maxPayloadBytes  larger payloads are refused (0x99); frames above 4 x this close the connection
 * @param maxInflightBytes payload bytes received and not yet answered above which reading stops (resumes at half)
 */
public record EndpointLimits(int maxConnections, GatewayRateLimiter.Rates rates, int maxPayloadBytes,
                             long maxInflightBytes) {
    /** No rate limit, the protocol's payload limit, 10,000 connections, a sixteenth of the heap in flight. */
    public static EndpointLimits defaults() {
        return new EndpointLimits(10_000, GatewayRateLimiter.Rates.UNLIMITED, Limits.MAX_PAYLOAD_BYTES,
                Runtime.getRuntime().maxMemory() / 16);
    }
}
