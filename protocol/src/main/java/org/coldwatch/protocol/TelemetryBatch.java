package org.coldwatch.protocol;

import java.util.List;
import java.util.Objects;

/**
 * The unit of transfer and acknowledgement: readings of one gateway under one per-gateway sequence number.
 *
 * <p>A gateway numbers its batches 1, 2, 3, … and never reuses a number, also not after a restart: a batch that is
 * sent again after a lost acknowledgement carries the same number, which is how the server recognises it as a
 * duplicate.
 *
 * @param gatewayId the sending gateway
 * @param seq       the batch's sequence number, at least 1
 * @param readings  at least one and at most {@link Limits#MAX_READINGS_PER_BATCH} readings
 */
public record TelemetryBatch(String gatewayId, long seq, List<Reading> readings) {

    public TelemetryBatch {
        Objects.requireNonNull(gatewayId, "gatewayId");
        readings = List.copyOf(readings);
    }

    /** A batch; validation against the wire limits happens in {@link TelemetryCodec}. */
    public static TelemetryBatch of(String gatewayId, long seq, List<Reading> readings) {
        return new TelemetryBatch(gatewayId, seq, readings);
    }
}
