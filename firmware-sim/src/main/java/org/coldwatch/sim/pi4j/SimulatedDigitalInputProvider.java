package org.coldwatch.sim.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;

/** Creates {@link SimulatedDigitalInput}s and hands them to the edge watcher. */
final class SimulatedDigitalInputProvider extends DigitalInputProviderBase {

    private final Wiring wiring;
    private final EdgeWatcher edges;

    SimulatedDigitalInputProvider(Wiring wiring, EdgeWatcher edges) {
        super(SimulatedPlugin.DIGITAL_INPUT_PROVIDER_ID, "ColdWatch simulated digital input provider");
        this.wiring = wiring;
        this.edges = edges;
    }

    @Override
    public int getPriority() {
        return SimulatedPlugin.PROVIDER_PRIORITY;
    }

    @Override
    public DigitalInput create(DigitalInputConfig config) {
        SimulatedDigitalInput input = new SimulatedDigitalInput(this, config, wiring, edges);
        this.context.registry().add(input);
        return input;
    }
}
