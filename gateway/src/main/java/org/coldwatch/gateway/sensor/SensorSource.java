package org.coldwatch.gateway.sensor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coldwatch.protocol.Reading;

/**
 * Something the gateway can poll for readings: a bus device driver, a 1-Wire folder, a CoAP node's latest values, or
 * a simulated room. {@link #read} is called from the sampler's single thread, never concurrently.
 *
 * <p>Sources that produce readings on their own schedule (a door contact reports a change the moment it happens)
 * push them through the {@link ReadingIntake} handed to {@link #start} and may return nothing from {@link #read}.
 */
public interface SensorSource extends AutoCloseable {

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

    /**
     * One reading right now, for {@code selftest} and {@code scan}, outside the sampling schedule. Polled sources read
     * as {@link #read} does; push sources report their current state without being started.
     *
     * @throws SensorException as {@link #read}
     */
    default List<Reading> readNow(Instant now) throws SensorException {
        return read(now);
    }

    /**
     * Checks beyond reading that take longer or change the sensor for a while, run by {@code selftest --deep} (e.g.
     * the SHT3x heater check). None by default.
     */
    default List<SensorCheck.Result> deepChecks() {
        return List.of();
    }

    /**
     * Called once before the first {@link #read}, with the door readings enter by. Push sources start their own
     * thread here; polled sources do nothing.
     */
    default void start(ReadingIntake intake) {
    }

    /** The sensor's health, if this source tracks one. */
    default Optional<SensorHealth> health() {
        return Optional.empty();
    }

    /** Stops a push source's thread and releases what {@link #start} took. Must not throw. */
    @Override
    default void close() {
    }
}
