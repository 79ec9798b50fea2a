package org.coldwatch.server.storage;

import java.time.Instant;
import org.coldwatch.protocol.TelemetryBatch;

/**
 * A validated telemetry batch together with the moment the server received it.
 *
 * @param batch      the decoded, validated batch
 * @param receivedAt the server's receive time (readings keep the gateway's measurement time as well)
 */
public record ReceivedBatch(TelemetryBatch batch, Instant receivedAt) {
}
