package org.coldwatch.server.storage;

import java.util.List;
import org.coldwatch.protocol.TelemetryBatch;
import org.influxdb.InfluxDB;

/**
 * What {@link InfluxReadingStore} tells about newly written batches: after their readings were written (a 2xx from
 * InfluxDB) and before their ledger points, so derived data (rollups) is durable before a batch is acknowledged.
 * Called by one thread, group after group, in order. Duplicates recognised by the ledger are never passed on; a batch
 * whose ledger point was lost (the server died between the two writes) is passed on again when it is re-sent, so an
 * implementation must be idempotent.
 */
public interface InfluxRollupSink {

    /** A sink that does nothing. */
    InfluxRollupSink NONE = (influx, database, written) -> { };

    /**
     * Updates derived data for batches whose readings are written.
     *
     * @param influx   the store's client
     * @param database the store's database
     * @param written  the batches of this group that were new ({@link StoreOutcome#STORED}); may be empty
     * @throws RuntimeException if InfluxDB fails; the store retries the call with backoff, acknowledgements wait
     */
    void written(InfluxDB influx, String database, List<TelemetryBatch> written);
}
