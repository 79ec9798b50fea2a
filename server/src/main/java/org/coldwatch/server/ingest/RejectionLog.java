package org.coldwatch.server.ingest;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place refusals are recorded: counted in metrics, logged once as a warning without a stack trace, and
 * archived with the refused payload for {@code GET /api/rejections}.
 */
public final class RejectionLog {
    private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);
    private final IngestMetrics metrics;
    private final RejectionArchive archive;

    public RejectionLog(IngestMetrics metrics, RejectionArchive archive) {
        this.metrics = metrics;
        this.archive = archive;
    }

    /** Counts, logs and archives one refusal; {@code payload} is null when nothing was published. */
    public void record(Rejection rejection, byte[] payload) {
        metrics.rejected(rejection.reason());
        LOG.warn("gateway={} refused reason={}: {}", rejection.gatewayId(), rejection.reason().label(),
                rejection.detail());
        archive.keep(rejection, payload);
    }

    /** The most recent refusals, newest first. Blocking. */
    public List<Rejection> recent(int limit) {
        return archive.recent(limit);
    }

    /** The archive behind this log. */
    public RejectionArchive archive() {
        return archive;
    }
}
