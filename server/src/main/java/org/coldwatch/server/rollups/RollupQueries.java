package org.coldwatch.server.rollups;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coldwatch.protocol.ReadingKind;

/** Reads stored rollups. Blocking: call off the event loop. */
public interface RollupQueries extends AutoCloseable {

    /**
     * The buckets of one gateway's series whose start lies in {@code [from, to)}, ordered by sensor, kind and start.
     *
     * @param sensorId only this sensor, if given
     * @param kind     only this kind, if given
     * @param limit    at most this many buckets
     */
    List<Rollup> rollups(String gatewayId, Optional<String> sensorId, Optional<ReadingKind> kind,
                         Resolution resolution, Instant from, Instant to, int limit);

    /** Releases the connection or client. */
    @Override
    void close();
}
