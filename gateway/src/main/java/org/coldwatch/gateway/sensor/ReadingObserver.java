package org.coldwatch.gateway.sensor;

import java.util.List;
import org.coldwatch.protocol.Reading;

/**
 * Sees every reading after it was made durable in the outbox: local alarm rules, the health report's last values.
 * Called on the thread that produced the readings (the sampler, a CoAP handler); must be quick and must not throw.
 */
@FunctionalInterface
public interface ReadingObserver {

    /** @param readings valid readings, already in the outbox, in the order they were taken */
    void observed(List<Reading> readings);
}
