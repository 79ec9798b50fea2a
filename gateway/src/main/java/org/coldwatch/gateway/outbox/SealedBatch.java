package org.coldwatch.gateway.outbox;

/**
 * A batch as it goes on the wire: its sequence number and the exact bytes to publish.
 *
 * @param seq          the batch's per-gateway sequence number
 * @param payload      {@code TelemetryCodec.encode} bytes; the same on every resend (do not modify)
 * @param readingCount number of readings in the batch
 */
public record SealedBatch(long seq, byte[] payload, int readingCount) {
}
