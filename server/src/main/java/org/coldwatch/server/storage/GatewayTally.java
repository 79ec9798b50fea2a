package org.coldwatch.server.storage;

/**
 * What a store holds for one gateway, counted by sequence numbers: the figures tests and operators use to prove
 * that nothing was lost or duplicated.
 *
 * @param batches      distinct batches stored
 * @param readings     readings stored
 * @param minSeq       lowest stored seq (0 if none)
 * @param maxSeq       highest stored seq (0 if none)
 */
public record GatewayTally(long batches, long readings, long minSeq, long maxSeq) {

    /** Seqs between min and max that are not stored: refused batches, or batches still on their way. */
    public long gaps() {
        return batches == 0 ? 0 : (maxSeq - minSeq + 1) - batches;
    }
}
