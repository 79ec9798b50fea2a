package org.coldwatch.server.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.server.storage.InfluxReadingStore.GatewaySeq;

/**
 * Which batches {@link InfluxReadingStore} must write and which are duplicates, by (gateway, seq), from the ledger
 * measurement {@code batch} in InfluxDB plus what this store has in flight.
 *
 * <p>Live batches carry a seq above everything the gateway sent before, so the ledger is asked only about seqs at
 * or below the highest committed one (learned once per gateway, then kept up to date by our own classification).
 * A batch classified STORED is "in flight" until its ledger point is written: a copy arriving meanwhile is a
 * DUPLICATE, and its future completes after the original's (groups complete in order). If another server instance
 * committed a batch, a copy of it arriving here may be classified STORED and written again: the same points at the
 * same times, so storage still holds it once (see {@link InfluxReadingStore}).
 *
 * <p>{@link #classify} is called by the writer thread only; {@link #committed} by the ledger thread.
 */
final class InfluxBatchLedger {
    private final InfluxQueries queries;
    private final Map<String, Long> maxCommitted = new HashMap<>();
    private final Set<GatewaySeq> inFlight = ConcurrentHashMap.newKeySet();

    InfluxBatchLedger(InfluxQueries queries) {
        this.queries = queries;
    }

    /**
     * The outcome of each batch of a group; those STORED are in flight from now on.
     *
     * @throws org.influxdb.InfluxDBException if the ledger cannot be read (nothing has changed then; retry)
     */
    List<StoreOutcome> classify(List<TelemetryBatch> group) {
        Set<String> unknown = new HashSet<>();
        for (TelemetryBatch b : group) {
            if (!maxCommitted.containsKey(b.gatewayId())) {
                unknown.add(b.gatewayId());
            }
        }
        if (!unknown.isEmpty()) {
            maxCommitted.putAll(queries.maxCommitted(unknown));
        }
        Map<String, long[]> ranges = new HashMap<>();
        for (TelemetryBatch b : group) {
            if (b.seq() <= maxCommitted.get(b.gatewayId())) {
                ranges.merge(b.gatewayId(), new long[] {b.seq(), b.seq()},
                        (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
            }
        }
        Set<GatewaySeq> committed = ranges.isEmpty() ? Set.of() : queries.committed(ranges);
        List<StoreOutcome> outcomes = new ArrayList<>(group.size());
        for (TelemetryBatch b : group) {
            GatewaySeq id = new GatewaySeq(b.gatewayId(), b.seq());
            if (committed.contains(id) || !inFlight.add(id)) {
                outcomes.add(StoreOutcome.DUPLICATE);
            } else {
                outcomes.add(StoreOutcome.STORED);
                maxCommitted.merge(b.gatewayId(), b.seq(), Math::max);
            }
        }
        return outcomes;
    }

    /** The ledger points of these STORED batches were written: they are no longer in flight. */
    void committed(List<TelemetryBatch> group, List<StoreOutcome> outcomes) {
        for (int i = 0; i < group.size(); i++) {
            if (outcomes.get(i) == StoreOutcome.STORED) {
                inFlight.remove(new GatewaySeq(group.get(i).gatewayId(), group.get(i).seq()));
            }
        }
    }
}
