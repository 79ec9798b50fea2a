package org.coldwatch.server.storage;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where readings are kept. The one promise every implementation keeps: {@link #store} completes only after the batch
 * is durably committed, and a batch whose (gateway, seq) was committed before is recognised and not written again.
 *
 * <p>Query methods block and must be called off the event loop.
 */
public interface ReadingStore extends AutoCloseable {

    /**
     * Commits a batch.
     *
     * @return succeeds with {@link StoreOutcome#STORED} once the batch is durable, or with
     *     {@link StoreOutcome#DUPLICATE} if it was stored before; fails only if the store is closing (the batch is then
     *     not acknowledged and the gateway will send it again). While the storage medium fails, the store keeps
     *     retrying and the future stays pending: that is the backpressure the gateways' outboxes absorb.
     */
    Future<StoreOutcome> store(ReceivedBatch batch);

    /** The newest reading per (sensor, kind) of each of these gateways. Blocking. */
    List<StoredReading> latest(Collection<String> gatewayIds);

    /** The newest readings of a gateway, optionally of one sensor, newest first. Blocking. */
    List<StoredReading> recent(String gatewayId, Optional<String> sensorId, int limit);

    /** Counts of what is stored for a gateway. Blocking. */
    GatewayTally tally(String gatewayId);

    /** Whether writes currently succeed. */
    StorageHealth health();

    /** Stops accepting writes, fails pending ones, and releases files. */
    @Override
    void close();
}
