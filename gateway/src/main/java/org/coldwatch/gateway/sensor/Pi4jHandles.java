package org.coldwatch.gateway.sensor;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;

/**
 * Creates the Pi4J handles the drivers use, releasing a half-created one of the same id first, so that
 * {@link DeviceHandle} can retry after a failed attempt.
 */
public final class Pi4jHandles {
    private Pi4jHandles() {
    }

    /** An I2C device handle. */
    public static I2C i2c(Context pi4j, String id, int bus, int address) {
        release(pi4j, id);
        return pi4j.create(I2C.newConfigBuilder(pi4j).id(id).bus(bus).device(address).build());
    }

    /** A GPIO output, low at start and on shutdown. */
    public static DigitalOutput output(Context pi4j, String id, int bcm) {
        release(pi4j, id);
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(bcm).initial(DigitalState.LOW)
                .shutdown(DigitalState.LOW).build());
    }

    /** A GPIO input with its pull resistor. */
    public static DigitalInput input(Context pi4j, String id, int bcm, PullResistance pull) {
        release(pi4j, id);
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(bcm).pull(pull).build());
    }

    private static void release(Context pi4j, String id) {
        if (pi4j.registry().exists(id)) {
            pi4j.shutdown(id);
        }
    }
}
