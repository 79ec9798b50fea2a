package org.coldwatch.gateway.sensor;

import java.time.Instant;
import java.util.List;
import org.coldwatch.protocol.Reading;

/**
 * Something the gateway can poll for readings: a bus device driver, a 1-Wire folder, a CoAP node's latest values, or
 * a simulated room. Called from the sampler's single thread, never concurrently.
 */
public interface SensorSource {

    /** A short, stable name for logs and counters, e.g. {@code room-1/sht31}. */
    String name();

    /**
     * The readings available now.
     *
     * @param now the gateway's clock; readings should carry it (or their own, earlier, measurement time)
     * @return readings in any order; empty if there is nothing new
     * @throws SensorException if the device cannot be read (the sampler logs it once per fault and goes on)
     */
    List<Reading> read(Instant now) throws SensorException;
}
