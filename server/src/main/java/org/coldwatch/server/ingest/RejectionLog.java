package org.coldwatch.server.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place refusals are recorded: counted in metrics, logged once as a warning without a stack trace, and kept
 * in a bounded list of the most recent ones for {@code GET /api/rejections}.
 */
public final class RejectionLog {
    private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);
    private final IngestMetrics metrics;
    private final int capacity;
    private final Deque<Rejection> recent = new ArrayDeque<>();

    public RejectionLog(IngestMetrics metrics, int capacity) {
        this.metrics = metrics;
        this.capacity = capacity;
    }

    /** Counts, logs and keeps one refusal. */
    public void record(Rejection rejection) {
        metrics.rejected(rejection.reason());
        LOG.warn("gateway={} refused reason={}: {}", rejection.gatewayId(), rejection.reason().label(),
                rejection.detail());
        synchronized (recent) {
            if (recent.size() == capacity) {
                recent.removeLast();
            }
            recent.addFirst(rejection);
        }
    }

    /** The most recent refusals, newest first. */
    public List<Rejection> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }
}
