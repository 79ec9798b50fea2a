package org.coldwatch.gateway.coap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coldwatch.gateway.outbox.Outbox;
import org.coldwatch.gateway.outbox.OutboxException;
import org.coldwatch.gateway.outbox.OutboxHealth;
import org.coldwatch.gateway.outbox.SealedBatch;
import org.coldwatch.protocol.Reading;

/** A real outbox behind a failure switch: while {@link #failAppends} is on, appends fail as a full disk would. */
final class FailingOutbox implements Outbox {
    private final Outbox real;
    volatile boolean failAppends;

    FailingOutbox(Outbox real) {
        this.real = real;
    }

    @Override
    public void append(List<Reading> readings) {
        if (failAppends) {
            throw new OutboxException("outbox test.db: append failed: [SQLITE_FULL] database or disk is full",
                    null);
        }
        real.append(readings);
    }

    @Override
    public List<SealedBatch> nextToSend(long afterSeq, int maxBatches) {
        return real.nextToSend(afterSeq, maxBatches);
    }

    @Override
    public void startLiveLane() {
        real.startLiveLane();
    }

    @Override
    public List<SealedBatch> nextLive(int maxBatches) {
        return real.nextLive(maxBatches);
    }

    @Override
    public OutboxHealth health() {
        return real.health();
    }

    @Override
    public void acknowledge(long seq) {
        real.acknowledge(seq);
    }

    @Override
    public void quarantine(long seq, int reasonCode, String reason) {
        real.quarantine(seq, reasonCode, reason);
    }

    @Override
    public long depth() {
        return real.depth();
    }

    @Override
    public Optional<Instant> oldestUnsent() {
        return real.oldestUnsent();
    }

    @Override
    public long quarantinedCount() {
        return real.quarantinedCount();
    }

    @Override
    public void close() {
        real.close();
    }
}
