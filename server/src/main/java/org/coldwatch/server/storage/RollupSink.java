package org.coldwatch.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.coldwatch.protocol.TelemetryBatch;

/**
 * What the SQLite store tells about newly stored batches, inside the transaction that stores them, so that derived
 * tables (rollups) commit or roll back together with the readings. Duplicates are never passed on.
 */
public interface RollupSink {

    /** A sink that does nothing. */
    RollupSink NONE = (transaction, stored) -> { };

    /**
     * Updates derived data for batches whose readings are already inserted (not yet committed) in {@code transaction}.
     *
     * @param transaction the store's write connection, inside the open transaction; not to be committed here
     * @param stored      the batches of this transaction that were new ({@link StoreOutcome#STORED})
     * @throws SQLException to roll the whole transaction back; the store retries it
     */
    void stored(Connection transaction, List<TelemetryBatch> stored) throws SQLException;

    /** The transaction of the last {@link #stored} call was committed: what it wrote is now durable. */
    default void committed() {
    }

    /** The transaction of the last {@link #stored} call was rolled back: forget what it wrote (it will be retried). */
    default void rolledBack() {
    }
}
