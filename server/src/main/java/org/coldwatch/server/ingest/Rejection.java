package org.coldwatch.server.ingest;

import java.time.Instant;

/**
 * One refusal, as listed by {@code GET /api/rejections}.
 *
 * @param at        when it happened (server clock)
 * @param gatewayId who sent it (the claimed id for refused connections)
 * @param reason    the class of refusal
 * @param detail    the precise description, naming the field or value
 */
public record Rejection(Instant at, String gatewayId, RejectReason reason, String detail) {
}
