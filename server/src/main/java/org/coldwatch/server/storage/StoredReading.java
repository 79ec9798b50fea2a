package org.coldwatch.server.storage;

import java.time.Instant;
import org.coldwatch.protocol.ReadingKind;

/**
 * A reading as the server keeps it.
 *
 * @param gatewayId  the gateway that sent it
 * @param seq        the sequence number of the batch it came in
 * @param sensorId   the sensor, unique within the gateway
 * @param kind       what was measured
 * @param value      the value in {@code kind.unit()}
 * @param measuredAt the gateway's measurement time
 */
public record StoredReading(String gatewayId, long seq, String sensorId, ReadingKind kind, double value,
                            Instant measuredAt) {
}
