package org.coldwatch.sim.pi4j;

import com.pi4j.io.gpio.digital.PullResistance;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.coldwatch.sim.devices.DoorContact;
import org.coldwatch.sim.devices.Hx711Device;
import org.coldwatch.sim.devices.I2cNackException;
import org.coldwatch.sim.devices.I2cTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is connected where: the process-wide state behind {@link SimulatedHardware}, read by the providers on every
 * transfer and pin access (so devices can be attached, detached or swapped while a Pi4J context is open).
 */
final class Wiring {

    /** Something that drives an input pin. */
    @FunctionalInterface
    interface InputLine {
        /**
         * The level on the pin now.
         *
         * @param pull the pull resistor the gateway configured
         */
        boolean high(PullResistance pull);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

    private final Map<Long, I2cTarget> i2c = new ConcurrentHashMap<>();
    private final Map<Integer, InputLine> inputs = new ConcurrentHashMap<>();
    private final Map<Integer, Hx711Device> clocks = new ConcurrentHashMap<>();
    private final Map<Integer, OutputPin> outputs = new ConcurrentHashMap<>();
    private final Set<Integer> warnedFloating = ConcurrentHashMap.newKeySet();

    synchronized void attachI2c(int bus, int address, I2cTarget target) {
        if (address < 0x03 || address > 0x77) {
            throw new IllegalArgumentException(
                    String.format("7-bit I2C addresses run 0x03..0x77, not 0x%02x", address));
        }
        I2cTarget previous = i2c.putIfAbsent(key(bus, address), target);
        if (previous != null && previous != target) {
            throw new IllegalStateException(String.format("bus %d address 0x%02x is already taken", bus, address));
        }
    }

    void detachI2c(int bus, int address) {
        i2c.remove(key(bus, address));
    }

    I2cTarget i2cTarget(int bus, int address) throws I2cNackException {
        I2cTarget target = i2c.get(key(bus, address));
        if (target == null) {
            throw new I2cNackException(String.format("nothing attached at bus %d address 0x%02x", bus, address));
        }
        return target;
    }

    synchronized void attachHx711(int clockPin, int dataPin, Hx711Device device) {
        if (clockPin == dataPin) {
            throw new IllegalArgumentException("PD_SCK and DOUT need two different pins");
        }
        claim(clockPin);
        claim(dataPin);
        clocks.put(clockPin, device);
        inputs.put(dataPin, pull -> device.dataHigh());
    }

    synchronized void attachDoor(int pin, DoorContact door) {
        claim(pin);
        inputs.put(pin, pull -> !door.isClosed() && pull != PullResistance.PULL_DOWN);
    }

    synchronized void attachInput(int pin, InputLine line) {
        claim(pin);
        inputs.put(pin, line);
    }

    OutputPin output(int pin) {
        return outputs.computeIfAbsent(pin, OutputPin::new);
    }

    /** The gateway wrote an output pin: an HX711 clock sees an edge, anything else is recorded. */
    void write(int pin, boolean high) {
        Hx711Device clocked = clocks.get(pin);
        if (clocked != null) {
            clocked.clock(high);
        } else {
            output(pin).drive(high);
        }
    }

    /** The gateway read an input pin: an attached device drives it, else a pull resistor or an output it loops to. */
    boolean read(int pin, PullResistance pull) {
        InputLine line = inputs.get(pin);
        if (line != null) {
            return line.high(pull);
        }
        OutputPin looped = outputs.get(pin);
        if (looped != null && looped.isDriven()) {
            return looped.isHigh();
        }
        if (pull != PullResistance.PULL_UP && pull != PullResistance.PULL_DOWN && warnedFloating.add(pin)) {
            LOG.warn("sim-gpio pin={} has nothing attached and no pull resistor; reading LOW", pin);
        }
        return pull == PullResistance.PULL_UP;
    }

    synchronized void reset() {
        i2c.clear();
        inputs.clear();
        clocks.clear();
        outputs.clear();
        warnedFloating.clear();
    }

    private void claim(int pin) {
        if (inputs.containsKey(pin) || clocks.containsKey(pin)) {
            throw new IllegalStateException("GPIO " + pin + " is already wired");
        }
    }

    private static long key(int bus, int address) {
        return ((long) bus << 32) | address;
    }
}
