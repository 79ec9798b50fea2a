package org.coldwatch.sim.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.io.i2c.I2CProviderBase;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates {@link SimulatedI2C} instances, one bus object (and lock) per bus number as {@code LinuxFsI2CProviderImpl}
 * does. Creating an I2C for an address with nothing attached succeeds, as opening {@code /dev/i2c-N} and selecting a
 * slave address does on Linux; the first transfer fails.
 */
final class SimulatedI2CProvider extends I2CProviderBase {

    private final Wiring wiring;
    private final Map<Integer, SimulatedI2CBus> buses = new HashMap<>();

    SimulatedI2CProvider(Wiring wiring) {
        super(SimulatedPlugin.I2C_PROVIDER_ID, "ColdWatch simulated I2C provider");
        this.wiring = wiring;
    }

    @Override
    public int getPriority() {
        return SimulatedPlugin.PROVIDER_PRIORITY;
    }

    @Override
    public synchronized I2C create(I2CConfig config) {
        SimulatedI2CBus bus = buses.computeIfAbsent(config.getBus(), number -> new SimulatedI2CBus(config, wiring));
        SimulatedI2C i2c = new SimulatedI2C(this, config, bus);
        this.context.registry().add(i2c);
        return i2c;
    }

    @Override
    public synchronized I2CProvider shutdown(Context context) throws ShutdownException {
        buses.clear();
        return super.shutdown(context);
    }
}
