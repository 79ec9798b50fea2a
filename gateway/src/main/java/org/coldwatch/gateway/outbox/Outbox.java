package org.coldwatch.gateway.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coldwatch.protocol.Reading;

/**
 * The gateway's store-and-forward queue: readings go in, numbered batches come out, and a batch leaves only when the
 * server has acknowledged it (or refused it, into quarantine).
 *
 * <p>A reading is in exactly one place at any moment: pending, in a sealed batch, or (with its batch) in quarantine.
 * A sealed batch never changes: sending it again sends the same bytes under the same sequence number, which is how
 * the server recognises a duplicate. Sequence numbers are never reused.
 *
 * <p>Implementations are thread-safe. Storage failures are reported as {@link OutboxException}.
 */
public interface Outbox extends AutoCloseable {

    /** Stores readings durably: when this returns, they survive a power cut. An empty list is a no-op. */
    void append(List<Reading> readings);

    /**
     * Up to {@code maxBatches} sealed, unacknowledged batches with a sequence number above {@code afterSeq}, in
     * sequence order. When fewer are sealed, pending readings are sealed into new batches first.
     *
     * @param afterSeq   only batches with a larger seq (0 for all); lets a sender skip batches it has in flight
     * @param maxBatches at most this many batches, at least 1
     */
    List<SealedBatch> nextToSend(long afterSeq, int maxBatches);

    /** Like {@link #nextToSend(long, int)} from the first unacknowledged batch. */
    default List<SealedBatch> nextToSend(int maxBatches) {
        return nextToSend(0, maxBatches);
    }

    /**
     * Opens the live lane: readings appended from now on, and those appended in the last few seconds before, can be
     * sealed ahead of the backlog by {@link #nextLive}. The uplink calls this on every (re)connect, so that whatever
     * waited longer is backlog, sent oldest first.
     */
    void startLiveLane();

    /**
     * Up to {@code maxBatches} new batches sealed from readings appended since shortly before
     * {@link #startLiveLane()}, newest first (so the latest readings never wait); empty when there are none (or the
     * lane was never started). Each batch gets the next seq.
     */
    List<SealedBatch> nextLive(int maxBatches);

    /** The server stored batch {@code seq}: forget it. Unknown or already acknowledged seqs are ignored. */
    void acknowledge(long seq);

    /**
     * The server refused batch {@code seq}: move it out of the send queue into quarantine, with the reason, for a
     * technician to inspect. Unknown seqs are ignored.
     */
    void quarantine(long seq, int reasonCode, String reason);

    /** Readings not yet acknowledged: pending ones plus those in sealed batches (quarantine not included). */
    long depth();

    /**
     * Measurement time of the reading that has waited longest (the first appended of those not yet acknowledged, or
     * the oldest in a sealed batch); empty when {@link #depth()} is 0. Cheap: no scan of the backlog.
     */
    Optional<Instant> oldestUnsent();

    /** Number of batches in quarantine. */
    long quarantinedCount();

    /** Depth, age, disk budget use, state and the full policy's counters. */
    OutboxHealth health();

    /** Releases the storage. Idempotent. */
    @Override
    void close();
}
