package org.coldwatch.gateway.alarm;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AlarmOutput} on a GPIO digital output through Pi4J: a buzzer driven directly, or a relay module. Relay boards
 * sold for the Pi are often active-low (the relay closes when the pin is LOW), hence {@code activeHigh}. The pin is
 * set inactive when opened and when Pi4J shuts down, so a stopped gateway leaves the buzzer silent.
 */
public final class GpioAlarmOutput implements AlarmOutput {
    private static final Logger LOG = LoggerFactory.getLogger(GpioAlarmOutput.class);

    private final DigitalOutput pin;
    private final DigitalState on;
    private final DigitalState off;
    private boolean failing;

    /**
     * Opens {@code bcmPin} as an output, inactive.
     *
     * @param activeHigh whether HIGH means sounding
     * @throws Pi4JException if the pin cannot be opened
     */
    public GpioAlarmOutput(Context pi4j, int bcmPin, boolean activeHigh) {
        this.on = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        this.off = activeHigh ? DigitalState.LOW : DigitalState.HIGH;
        this.pin = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("alarm-output-" + bcmPin).address(bcmPin)
                .initial(off).shutdown(off).build());
    }

    @Override
    public synchronized void sound(boolean sounding) {
        try {
            pin.state(sounding ? on : off);
            if (failing) {
                failing = false;
                LOG.info("alarm: output pin={} works again", pin.address());
            }
        } catch (Pi4JException e) {
            if (!failing) {
                failing = true;
                LOG.error("alarm: output pin={} cannot be set {}: {}", pin.address(), sounding ? "on" : "off",
                        e.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        sound(false);
    }
}
