package org.coldwatch.sim.pi4j;

import com.pi4j.context.Context;
import com.pi4j.platform.PlatformBase;

/**
 * The platform that makes the simulated providers the default for their I/O types, as {@code MockPlatform} does for
 * the mock plugin. Pi4J adds a platform's providers by id only if they won their I/O type (see
 * {@link SimulatedPlugin}).
 */
final class SimulatedPlatform extends PlatformBase<SimulatedPlatform> {

    /** Above the Raspberry Pi platform (5) and the mock platform (-1000) of Pi4J 2.8.0. */
    static final int PRIORITY = 1000;

    SimulatedPlatform() {
        super(SimulatedPlugin.PLATFORM_ID, "ColdWatch simulated board",
                "firmware-sim devices wired to simulated I2C and GPIO");
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean enabled(Context context) {
        return true;
    }

    @Override
    protected String[] getProviders() {
        return new String[] {SimulatedPlugin.I2C_PROVIDER_ID, SimulatedPlugin.DIGITAL_INPUT_PROVIDER_ID,
            SimulatedPlugin.DIGITAL_OUTPUT_PROVIDER_ID};
    }
}
