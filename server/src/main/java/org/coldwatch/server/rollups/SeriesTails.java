package org.coldwatch.server.rollups;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The newest rolled-up reading of recently written series, as committed, plus what the open transaction changed.
 * Only the store's writer thread uses it. The transaction's changes become visible to later transactions on
 * {@link #committed()} and are forgotten on {@link #rolledBack()}, so the cache never runs ahead of the file. A series
 * not in the cache (first seen since start, or evicted: at most {@code capacity} are kept, least recently written
 * first out) takes the slow path once, which looks its newest reading up again.
 */
final class SeriesTails {
    private final Map<SeriesKey, SeriesTail.Point> committed;
    private final Map<SeriesKey, Optional<SeriesTail.Point>> pending = new HashMap<>();

    SeriesTails(int capacity) {
        this.committed = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SeriesKey, SeriesTail.Point> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The series' newest reading as the open transaction sees it; empty if unknown here. */
    Optional<SeriesTail.Point> newest(SeriesKey key) {
        Optional<SeriesTail.Point> changed = pending.get(key);
        return changed != null ? changed : Optional.ofNullable(committed.get(key));
    }

    /** The open transaction leaves the series' newest reading at {@code newest} (empty: unknown). */
    void pending(SeriesKey key, Optional<SeriesTail.Point> newest) {
        pending.put(key, newest);
    }

    void committed() {
        pending.forEach((key, newest) -> {
            if (newest.isPresent()) {
                committed.put(key, newest.get());
            } else {
                committed.remove(key);
            }
        });
        pending.clear();
    }

    void rolledBack() {
        pending.clear();
    }
}
