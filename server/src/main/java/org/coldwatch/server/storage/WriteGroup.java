package org.coldwatch.server.storage;

import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches {@link InfluxReadingStore} writes together, with the outcome of each, on their way from the writer thread
 * (readings) to the ledger thread (rollups, ledger points, acknowledgements).
 *
 * @param writes   the batches with their futures, in arrival order
 * @param outcomes what the ledger said about each
 */
record WriteGroup(List<WriteGroup.Write> writes, List<StoreOutcome> outcomes) {

    /** The writer's last group: nothing follows it. */
    static final WriteGroup END = new WriteGroup(List.of(), List.of());

    /** A batch waiting to be stored, and its future. */
    record Write(ReceivedBatch batch, Promise<StoreOutcome> promise) {
        int points() {
            return batch.batch().readings().size();
        }
    }

    /** This group and those after it as one, in order (the ledger thread takes all that wait). */
    WriteGroup with(List<WriteGroup> later) {
        List<Write> w = new ArrayList<>(writes);
        List<StoreOutcome> o = new ArrayList<>(outcomes);
        later.forEach(g -> {
            w.addAll(g.writes());
            o.addAll(g.outcomes());
        });
        return new WriteGroup(w, o);
    }
}
