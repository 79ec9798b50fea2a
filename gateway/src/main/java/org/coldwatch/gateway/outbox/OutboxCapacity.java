package org.coldwatch.gateway.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import org.coldwatch.gateway.config.OutboxLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk budget in action: measures what the file uses, logs every state change, and applies
 * {@code outbox.fullPolicy} before an append finds the outbox full. Under the outbox's monitor.
 */
final class OutboxCapacity {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxCapacity.class);

    private final OutboxTransactions tx;
    private final Path file;
    private final DiskBudget budget;
    private final OldestDayThinning thinning;
    private OutboxState state = OutboxState.OK;
    private long refused;

    OutboxCapacity(OutboxTransactions tx, Path file, OutboxLimits limits) {
        this.tx = tx;
        this.file = file;
        this.budget = new DiskBudget(limits);
        this.thinning = new OldestDayThinning(limits.thinInterval());
    }

    OutboxLimits limits() {
        return budget.limits();
    }

    long refused() {
        return refused;
    }

    void countRefused(int readings) {
        refused += readings;
        note(OutboxState.FULL);
    }

    /**
     * Makes room for {@code incoming} readings if the outbox is full: thin the oldest day, or refuse (counted).
     *
     * @return pending readings removed by thinning (0 if there was room)
     */
    long makeRoomOrRefuse(int incoming) {
        OutboxState now = check();
        if (now != OutboxState.FULL) {
            return 0;
        }
        OutboxLimits limits = budget.limits();
        if (limits.fullPolicy() == OutboxLimits.FullPolicy.THIN_OLDEST) {
            long removed = tx.run("thin", () -> {
                long n = thinning.thin(tx.connection());
                try (PreparedStatement bump = tx.connection().prepareStatement(
                        "UPDATE meta SET thinned = thinned + ? WHERE id = 1")) {
                    bump.setLong(1, n);
                    bump.executeUpdate();
                }
                return n;
            });
            if (removed > 0) {
                LOG.warn("outbox: file={} full ({} of {} bytes): thinned the oldest day to one reading per sensor"
                        + " per {} min, {} readings removed", file, usedBytes(), limits.maxBytes(),
                        limits.thinToOnePerMinutes(), removed);
                return removed;
            }
        }
        refused += incoming;
        throw new OutboxFullException("outbox " + file + ": full (policy " + limits.fullPolicy().configName()
                + ", " + usedBytes() + " of " + limits.maxBytes() + " bytes used, " + freeDiskBytes()
                + " bytes free on disk): " + incoming + " readings refused", null);
    }

    /** The state now; logs it if it changed. */
    OutboxState check() {
        OutboxState now = budget.state(usedBytes(), freeDiskBytes());
        note(now);
        return now;
    }

    long thinned() {
        return tx.run("thinned", () -> tx.queryLong("SELECT thinned FROM meta WHERE id = 1"));
    }

    /** (page_count − freelist_count) × page_size: free pages are reused before the file grows. */
    long usedBytes() {
        return tx.run("usedBytes", () -> (tx.queryLong("PRAGMA page_count") - tx.queryLong("PRAGMA freelist_count"))
                * tx.queryLong("PRAGMA page_size"));
    }

    long freeDiskBytes() {
        try {
            Path dir = file.toAbsolutePath().getParent();
            return Files.getFileStore(dir == null ? file.toAbsolutePath() : dir).getUsableSpace();
        } catch (IOException e) {
            LOG.warn("outbox: file={} cannot read the free space of its volume: {}", file, e.getMessage());
            return Long.MAX_VALUE;
        }
    }

    private void note(OutboxState now) {
        if (now == state) {
            return;
        }
        OutboxState before = state;
        state = now;
        String line = "outbox: file={} state {} -> {} ({} of {} bytes used, {} bytes free on disk, policy {})";
        Object[] args = {file, before.wireName(), now.wireName(), usedBytes(), budget.limits().maxBytes(),
            freeDiskBytes(), budget.limits().fullPolicy().configName()};
        if (now == OutboxState.OK) {
            LOG.info(line, args);
        } else {
            LOG.warn(line, args);
        }
    }
}
