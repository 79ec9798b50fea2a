package org.coldwatch.gateway.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.coldwatch.protocol.TimeQuality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readings taken before the wall clock was synchronised. They are stored with {@code time_state} 1 and their
 * monotonic time; once {@link ClockSync} reports synchronisation, all of them are corrected in one transaction:
 * measured = synchronised wall time − (monotonic now − monotonic at reading), {@code time_state} 2. Those of an
 * earlier boot cannot be corrected (their monotonic times belong to another boot) and become {@code time_state} 3,
 * sent as {@code unsynced}. While unsynced, a reading is held back from sending for {@link #HOLD} so that a sync
 * arriving soon can still correct it; after that it is sent marked {@code unsynced} rather than held forever.
 * Under the outbox's monitor.
 */
final class UnsyncedTimes {
    /** How long an unsynced reading waits for the clock before it is sent as unsynced. */
    static final Duration HOLD = Duration.ofMinutes(10);
    static final int SYNCED = 0;
    static final int UNSYNCED = 1;
    static final int CORRECTED = 2;
    static final int UNSYNCED_FOR_GOOD = 3;
    private static final Logger LOG = LoggerFactory.getLogger(UnsyncedTimes.class);

    private final OutboxTransactions tx;
    private final ClockSync sync;
    private final Clock clock;
    private boolean correctable;

    UnsyncedTimes(OutboxTransactions tx, ClockSync sync, Clock clock) {
        this.tx = tx;
        this.sync = sync;
        this.clock = clock;
    }

    /** On open: readings left unsynced by another boot can no longer be corrected. */
    void open(String file) {
        tx.run("open", () -> {
            String bootId = sync.bootId();
            String storedBoot;
            try (PreparedStatement st = tx.connection().prepareStatement("SELECT boot_id FROM meta WHERE id = 1");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                storedBoot = rs.getString(1);
            }
            if (!bootId.equals(storedBoot)) {
                try (PreparedStatement mark = tx.connection().prepareStatement("UPDATE pending SET time_state = "
                        + UNSYNCED_FOR_GOOD + ", mono_ms = NULL WHERE time_state = " + UNSYNCED);
                     PreparedStatement boot = tx.connection().prepareStatement(
                             "UPDATE meta SET boot_id = ? WHERE id = 1")) {
                    int lost = mark.executeUpdate();
                    if (lost > 0) {
                        LOG.warn("outbox: file={} {} readings were taken before the clock was synchronised in an"
                                + " earlier boot; their times cannot be corrected and are sent marked unsynced", file,
                                lost);
                    }
                    boot.setString(1, bootId);
                    boot.executeUpdate();
                }
            }
            correctable = tx.queryLong("SELECT EXISTS (SELECT 1 FROM pending WHERE time_state = " + UNSYNCED + ")")
                    == 1;
            return null;
        });
    }

    /** The time state a reading appended now gets. */
    int stateNow() {
        return sync.isSynchronized() ? SYNCED : UNSYNCED;
    }

    /** The monotonic time at which a reading measured at {@code measuredAt} (by the unsynced wall clock) was taken. */
    long monotonicAt(Instant measuredAt) {
        correctable = true;
        return sync.monotonicMillis() - (clock.millis() - measuredAt.toEpochMilli());
    }

    /** Readings with {@code time_state} 1 and a monotonic time above this are held back from sealing. */
    long holdAfterMonotonic() {
        return correctable ? sync.monotonicMillis() - HOLD.toMillis() : Long.MAX_VALUE;
    }

    /** Corrects every unsynced reading of this boot if the clock is synchronised now. */
    void correctIfSynchronized() {
        if (!correctable || !sync.isSynchronized()) {
            return;
        }
        long wallMs = clock.millis();
        long monoMs = sync.monotonicMillis();
        int corrected = tx.run("correctTimes", () -> {
            try (PreparedStatement update = tx.connection().prepareStatement("UPDATE pending"
                    + " SET time_ms = MAX(0, ? - (? - mono_ms)), time_state = " + CORRECTED + ", mono_ms = NULL"
                    + " WHERE time_state = " + UNSYNCED)) {
                update.setLong(1, wallMs);
                update.setLong(2, monoMs);
                return update.executeUpdate();
            }
        });
        correctable = false;
        LOG.info("outbox: clock synchronised; measured times of {} readings taken before corrected", corrected);
    }

    /** The wire's time quality of a stored {@code time_state}. */
    static TimeQuality quality(int timeState) {
        return switch (timeState) {
            case SYNCED -> TimeQuality.SYNCED;
            case CORRECTED -> TimeQuality.CORRECTED;
            default -> TimeQuality.UNSYNCED;
        };
    }
}
