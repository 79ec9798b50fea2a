package org.coldwatch.sim.pi4j;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;

/**
 * A GPIO output on the simulated board: every level written goes to the wiring (an HX711's PD_SCK, or an
 * {@link OutputPin} a test observes) before Pi4J's own bookkeeping and events.
 */
final class SimulatedDigitalOutput extends DigitalOutputBase {

    private final Wiring wiring;
    private final int pin;

    SimulatedDigitalOutput(DigitalOutputProvider provider, DigitalOutputConfig config, Wiring wiring) {
        super(provider, config);
        this.wiring = wiring;
        this.pin = config.address();
    }

    @Override
    public DigitalOutput state(DigitalState state) throws IOException {
        if (state == DigitalState.HIGH || state == DigitalState.LOW) {
            wiring.write(pin, state == DigitalState.HIGH);
        }
        return super.state(state);
    }
}
