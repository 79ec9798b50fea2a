package org.coldwatch.sim.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.PullResistance;

/**
 * A GPIO input on the simulated board: {@link #state()} samples whatever the wiring connects to the pin;
 * the {@link EdgeWatcher} calls {@link #sample()} periodically to fire Pi4J state-change events. The configured
 * {@code debounce} is not applied: debouncing is the gateway driver's job in this project.
 */
final class SimulatedDigitalInput extends DigitalInputBase {

    private final Wiring wiring;
    private final EdgeWatcher edges;
    private final int pin;
    private final PullResistance pull;
    private DigitalState reported;

    SimulatedDigitalInput(DigitalInputProvider provider, DigitalInputConfig config, Wiring wiring, EdgeWatcher edges) {
        super(provider, config);
        this.wiring = wiring;
        this.edges = edges;
        this.pin = config.address();
        this.pull = config.pull() == null ? PullResistance.OFF : config.pull();
    }

    int pin() {
        return pin;
    }

    @Override
    public DigitalState state() {
        return DigitalState.getState(wiring.read(pin, pull));
    }

    @Override
    public DigitalInput initialize(Context context) throws InitializeException {
        super.initialize(context);
        synchronized (this) {
            reported = state();
        }
        edges.watch(this);
        return this;
    }

    @Override
    public DigitalInput shutdown(Context context) throws ShutdownException {
        edges.forget(this);
        return super.shutdown(context);
    }

    /** Fires a state-change event if the level differs from the last one reported. */
    void sample() {
        DigitalState now = state();
        synchronized (this) {
            if (now == reported) {
                return;
            }
            reported = now;
        }
        dispatch(new DigitalStateChangeEvent<>(this, now));
    }
}
