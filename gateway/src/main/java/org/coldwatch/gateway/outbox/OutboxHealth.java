package org.coldwatch.gateway.outbox;

import java.time.Duration;

/**
 * The outbox as the operator and the server should see it (published by the health reporter, printed by
 * {@code status}).
 *
 * @param depth             readings not yet acknowledged (pending and sealed, quarantine excluded)
 * @param oldestUnsentAge   age of the oldest unacknowledged reading's measurement time; zero when empty
 * @param bytesUsed         bytes of SQLite pages in use: (page_count − freelist_count) × page_size
 * @param budgetBytes       {@code outbox.maxBytes}
 * @param freeDiskBytes     usable bytes left on the outbox's volume
 * @param state             ok, near-full or full
 * @param thinned           readings removed by the {@code thin-oldest} policy since the file was created
 * @param refused           readings refused because the outbox was full, since start
 * @param diskFullErrors    SQLITE_FULL errors (disk or file limit reached) since start
 * @param quarantined       batches the server refused
 */
public record OutboxHealth(long depth, Duration oldestUnsentAge, long bytesUsed, long budgetBytes,
                           long freeDiskBytes, OutboxState state, long thinned, long refused, long diskFullErrors,
                           long quarantined) {

    /** Share of the budget in use, 0 … 1 (may exceed 1 briefly). */
    public double budgetUsedFraction() {
        return budgetBytes == 0 ? 0 : (double) bytesUsed / budgetBytes;
    }
}
