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
 * @param maxKeepAliveSeconds longest keep-alive an MQTT 5 client may have (0 = the client's own, none included);
 *                         a client asking for more, or for none, is told this one as its Server Keep Alive
 */
public record EndpointLimits(int maxConnections, GatewayRateLimiter.Rates rates, int maxPayloadBytes,
                             long maxInflightBytes, int maxKeepAliveSeconds) {
    /**
     * No rate limit, the protocol's payload limit, 10,000 connections, a sixteenth of the heap in flight, keep-alives
     * up to 300 s.
     */
    public static EndpointLimits defaults() {
        return new EndpointLimits(10_000, GatewayRateLimiter.Rates.UNLIMITED, Limits.MAX_PAYLOAD_BYTES,
                Runtime.getRuntime().maxMemory() / 16, 300);
    }
}
