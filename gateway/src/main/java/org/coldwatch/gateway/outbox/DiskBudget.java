package org.coldwatch.gateway.outbox;

import org.coldwatch.gateway.config.OutboxLimits;

/**
 * Decides the outbox's {@link OutboxState} from how much it uses and how much disk is left. Pure: the numbers come
 * from SQLite's {@code page_count}, {@code freelist_count} and {@code page_size}, and from the volume's usable space.
 */
final class DiskBudget {
    static final double NEAR_FULL_FRACTION = 0.9;

    private final OutboxLimits limits;

    DiskBudget(OutboxLimits limits) {
        this.limits = limits;
    }

    /**
     * @param bytesUsed     (page_count − freelist_count) × page_size: free pages are reused before the file grows
     * @param freeDiskBytes usable bytes on the volume
     */
    OutboxState state(long bytesUsed, long freeDiskBytes) {
        if (bytesUsed >= limits.maxBytes() || freeDiskBytes < limits.minFreeDiskBytes()) {
            return OutboxState.FULL;
        }
        if (bytesUsed >= NEAR_FULL_FRACTION * limits.maxBytes() || freeDiskBytes < 2 * limits.minFreeDiskBytes()) {
            return OutboxState.NEAR_FULL;
        }
        return OutboxState.OK;
    }

    OutboxLimits limits() {
        return limits;
    }
}
