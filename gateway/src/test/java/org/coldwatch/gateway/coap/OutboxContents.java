package org.coldwatch.gateway.coap;

import java.util.ArrayList;
import java.util.List;
import org.coldwatch.gateway.outbox.Outbox;
import org.coldwatch.gateway.outbox.SealedBatch;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.TelemetryCodec;

/** Reads back what an outbox would send, decoded with the wire codec: what the server would receive. */
final class OutboxContents {
    private OutboxContents() {
    }

    /** Every unacknowledged reading, in batch order. */
    static List<Reading> readings(Outbox outbox) {
        List<Reading> all = new ArrayList<>();
        for (SealedBatch batch : outbox.nextToSend(1_000)) {
            try {
                all.addAll(TelemetryCodec.decode(batch.payload()).readings());
            } catch (ProtocolException e) {
                throw new AssertionError("the outbox sealed an undecodable batch", e);
            }
        }
        return all;
    }
}
