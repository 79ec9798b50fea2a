package org.coldwatch.sim.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;

/** Creates {@link SimulatedDigitalOutput}s. */
final class SimulatedDigitalOutputProvider extends DigitalOutputProviderBase {

    private final Wiring wiring;

    SimulatedDigitalOutputProvider(Wiring wiring) {
        super(SimulatedPlugin.DIGITAL_OUTPUT_PROVIDER_ID, "ColdWatch simulated digital output provider");
        this.wiring = wiring;
    }

    @Override
    public int getPriority() {
        return SimulatedPlugin.PROVIDER_PRIORITY;
    }

    @Override
    public DigitalOutput create(DigitalOutputConfig config) {
        SimulatedDigitalOutput output = new SimulatedDigitalOutput(this, config, wiring);
        this.context.registry().add(output);
        return output;
    }
}
