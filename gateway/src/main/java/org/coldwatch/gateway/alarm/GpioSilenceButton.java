package org.coldwatch.gateway.alarm;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;

/**
 * The silence button on a GPIO input through Pi4J. A button wired to ground is active-low and uses the internal
 * pull-up; one wired to 3.3 V is active-high with the pull-down. Every change to the active level counts as a press;
 * contact bounce needs no filtering because silencing twice is the same as silencing once.
 */
public final class GpioSilenceButton implements AutoCloseable {
    private final DigitalInput pin;
    private final DigitalStateChangeListener listener;

    /**
     * Opens {@code bcmPin} and calls {@code onPress} on Pi4J's event thread at every press.
     *
     * @param activeHigh whether a pressed button reads HIGH
     * @throws com.pi4j.exception.Pi4JException if the pin cannot be opened
     */
    public GpioSilenceButton(Context pi4j, int bcmPin, boolean activeHigh, Runnable onPress) {
        DigitalState pressed = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        this.pin = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("alarm-silence-" + bcmPin).address(bcmPin)
                .pull(activeHigh ? PullResistance.PULL_DOWN : PullResistance.PULL_UP).build());
        this.listener = event -> {
            if (event.state() == pressed) {
                onPress.run();
            }
        };
        pin.addListener(listener);
    }

    @Override
    public void close() {
        pin.removeListener(listener);
    }
}
