package org.coldwatch.server.ingest;

import java.time.Instant;

/**
 * One refusal, as listed by {@code GET /api/rejections}.
 *
 * @param id           the archive's id (0 before it is archived)
 * @param at           when it happened (server clock)
 * @param gatewayId    who sent it (the claimed id for refused connections)
 * @param reason       the class of refusal
 * @param detail       the precise description, naming the field or value
 * @param payloadBytes size of the refused payload kept with it; -1 when there was none (a refused CONNECT)
 */
public record Rejection(long id, Instant at, String gatewayId, RejectReason reason, String detail, int payloadBytes) {

    /** A refusal not archived yet. */
    public static Rejection of(Instant at, String gatewayId, RejectReason reason, String detail, byte[] payload) {
        return new Rejection(0, at, gatewayId, reason, detail, payload == null ? -1 : payload.length);
    }
}
