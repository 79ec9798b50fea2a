package org.coldwatch.gateway.coap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;

/**
 * The readings stored most recently from nodes, to recognise a pack that is sent again. A SenML pack has no sequence
 * number: when a gateway stored a pack but every copy of its 2.04 was lost, the node sends the same rounds later in
 * a new exchange (new Message ID), which CoAP deduplication cannot catch (docs/protocol.md, "Open points"). A reading
 * with the same node, kind, resolved time and value as one stored before is that resend and is not stored again.
 *
 * <p>Works for nodes with a clock (absolute times). A clockless node's times are resolved from the arrival, so its
 * resends differ and still reach the outbox. Bounded: the oldest {@link #CAPACITY} entries are kept, far more than a
 * node's backlog; the memory is lost on restart. Not thread-safe; the caller serialises.
 */
final class RecentReadings {
    /** Entries kept, about 100 bytes each: 64 nodes × a backlog of 16 rounds × 4 quantities. */
    static final int CAPACITY = 4_096;

    private record Key(String nodeId, ReadingKind kind, Instant measuredAt, double value) {
    }

    private final Map<Key, Boolean> seen = new LinkedHashMap<>(CAPACITY * 4 / 3 + 1) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The readings of {@code nodeId} not stored before, in their order. */
    List<Reading> unseen(String nodeId, List<Reading> readings) {
        List<Reading> fresh = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            if (!seen.containsKey(key(nodeId, r))) {
                fresh.add(r);
            }
        }
        return fresh;
    }

    /** Notes that {@code readings} of {@code nodeId} are now stored. */
    void remember(String nodeId, List<Reading> readings) {
        for (Reading r : readings) {
            seen.put(key(nodeId, r), Boolean.TRUE);
        }
    }

    private static Key key(String nodeId, Reading r) {
        return new Key(nodeId, r.kind(), r.measuredAt(), r.value());
    }
}
