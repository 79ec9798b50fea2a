package org.coldwatch.gateway.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.coldwatch.protocol.ReadingKind;

/**
 * The {@code thin-oldest} policy's SQL: in the oldest day of pending readings that still has something to thin, keep
 * the first reading per sensor per interval and delete the others. Door readings are events and are never thinned;
 * sealed batches never change and are not touched. Runs inside the caller's transaction. Remembers how far it has
 * thinned, so that each call scans the backlog only from there (the pending table has no time index, to stay
 * compact); readings arriving later with times in an already thinned day are left alone.
 */
final class OldestDayThinning {
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final int MAX_DAYS_TRIED = 400;

    private final long bucketMs;
    /** Day windows before this were thinned already (in this process): the next call starts here. */
    private long thinnedBeforeMs = Long.MIN_VALUE;

    OldestDayThinning(Duration keepOnePer) {
        this.bucketMs = keepOnePer.toMillis();
    }

    /** Thins the oldest day that has readings to spare; returns how many readings were removed (0: nothing left). */
    long thin(Connection db) throws SQLException {
        Long oldest = oldestMillis(db);
        if (oldest == null) {
            return 0;
        }
        long from = Math.max(oldest, thinnedBeforeMs);
        long newest = newestMillis(db);
        for (int day = 0; day < MAX_DAYS_TRIED && from <= newest; day++, from += DAY_MS) {
            long removed = thinWindow(db, from, from + DAY_MS);
            thinnedBeforeMs = from + DAY_MS;
            if (removed > 0) {
                return removed;
            }
        }
        return 0;
    }

    private long thinWindow(Connection db, long fromMs, long toMs) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM pending WHERE time_ms >= ?1 AND time_ms < ?2"
                + " AND sensor_ref IN (SELECT ref FROM sensor WHERE kind <> ?3)"
                + " AND id NOT IN (SELECT MIN(id) FROM pending WHERE time_ms >= ?1 AND time_ms < ?2"
                + " GROUP BY sensor_ref, time_ms / ?4)")) {
            delete.setLong(1, fromMs);
            delete.setLong(2, toMs);
            delete.setString(3, ReadingKind.DOOR.wireName());
            delete.setLong(4, bucketMs);
            return delete.executeUpdate();
        }
    }

    private static Long oldestMillis(Connection db) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT MIN(time_ms) FROM pending");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }
    }

    private static long newestMillis(Connection db) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT MAX(time_ms) FROM pending");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
