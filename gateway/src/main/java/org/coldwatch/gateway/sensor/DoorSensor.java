package org.coldwatch.gateway.sensor;

import java.util.function.Consumer;
import org.coldwatch.gateway.sensor.door.DoorChange;

/**
 * Watches a cold-room door and reports each debounced opening and closing as it happens (role; e.g.
 * {@code GpioDoorContact}).
 */
public interface DoorSensor extends AutoCloseable {

    /** The debounced state while started; before {@link #start}, the raw state of the contact now. */
    boolean isOpen();

    /**
     * Starts watching; {@code listener} gets every change from its own thread, in order.
     *
     * @return the state at start
     */
    boolean start(Consumer<DoorChange> listener);

    /** Stops watching. */
    @Override
    void close();
}
