package org.coldwatch.gateway.sensor;

import java.util.Objects;

/** A read failed for a reason a technician can act on: the {@link SensorState} says which, the message says why. */
public final class SensorFault extends SensorException {
    private static final long serialVersionUID = 1L;

    private final SensorState state;

    /**
     * @param state   the fault, never {@link SensorState#OK}
     * @param message what was seen, e.g. {@code temperature word CRC 0x12, expected 0x92}
     */
    public SensorFault(SensorState state, String message) {
        super(message);
        this.state = checked(state);
    }

    /** A fault caused by a bus exception. */
    public SensorFault(SensorState state, String message, Throwable cause) {
        super(message, cause);
        this.state = checked(state);
    }

    private static SensorState checked(SensorState state) {
        if (Objects.requireNonNull(state, "state") == SensorState.OK) {
            throw new IllegalArgumentException("a fault cannot be 'ok'");
        }
        return state;
    }

    /** Which fault. */
    public SensorState state() {
        return state;
    }
}
