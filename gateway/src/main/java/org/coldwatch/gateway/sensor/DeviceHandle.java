package org.coldwatch.gateway.sensor;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A driver whose bus handle is opened on first use and again after opening failed, so that a sensor on a bus that is
 * not there yet (I2C not enabled, a GPIO chip the kernel has not probed) is a {@link SensorState#MISSING} sensor that
 * recovers by itself, instead of a gateway that does not start and takes the other sensors down with it.
 * Thread-safe.
 *
 * @param <T> the driver
 */
public final class DeviceHandle<T> {
    private final String what;
    private final Supplier<T> opener;
    private T device;

    /**
     * @param what   names the bus for messages, e.g. {@code I2C bus 1 address 0x44}
     * @param opener creates the driver with its Pi4J handles; may throw a {@link RuntimeException} (Pi4J's)
     */
    public DeviceHandle(String what, Supplier<T> opener) {
        this.what = Objects.requireNonNull(what, "what");
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /**
     * The driver, opening it if needed.
     *
     * @throws SensorFault {@link SensorState#MISSING} when it cannot be opened now
     */
    public synchronized T get() throws SensorFault {
        if (device == null) {
            try {
                device = opener.get();
            } catch (RuntimeException e) {
                throw new SensorFault(SensorState.MISSING, what + " not available: " + e.getMessage(), e);
            }
        }
        return device;
    }

    /** Whether the driver has been opened. */
    public synchronized boolean isOpen() {
        return device != null;
    }
}
