package org.coldwatch.sim.pi4j;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.coldwatch.sim.devices.DoorContact;
import org.coldwatch.sim.devices.Hx711Device;
import org.coldwatch.sim.devices.I2cTarget;

/**
 * The simulated board the gateway's Pi4J drivers talk to: attach devices here, then let the gateway create its
 * context with {@code Pi4J.newAutoContext()} as it would on a Raspberry Pi.
 *
 * <p>Pi4J instantiates {@link SimulatedPlugin} through {@link java.util.ServiceLoader}, so there is no way to hand a
 * context its devices; the wiring is therefore process-wide, like the pins of a real board. Every transfer and pin
 * access looks the wiring up at that moment, so devices can be attached before or after the context is created and
 * swapped or detached while it runs. Pins are BCM GPIO numbers, Pi4J's {@code address}. Tests call {@link #reset()}
 * before wiring; tests that wire the board must not run in parallel with each other.
 *
 * <p>Conventions (see {@code firmware-sim/docs/devices.md}): an I2C address with nothing attached, or a device whose
 * {@link org.coldwatch.sim.devices.DeviceFaults#missing(boolean) missing} switch is on, fails the transfer exactly as
 * the Linux I2C provider of {@code pi4j-plugin-linuxfs} does on {@code EREMOTEIO}; a door contact pulls its pin LOW
 * when closed (door shut) and reads HIGH through the pull-up when open; input pins report edges to Pi4J listeners.
 */
public final class SimulatedHardware {

    private static final Wiring WIRING = new Wiring();
    private static final EdgeWatcher EDGES = new EdgeWatcher(Duration.ofMillis(1));

    private SimulatedHardware() {
    }

    /**
     * Connects an I2C target.
     *
     * @param bus     I2C bus number, as in {@code /dev/i2c-<bus>} (1 on a Raspberry Pi header)
     * @param address 7-bit address, e.g. {@link org.coldwatch.sim.devices.Sht3xDevice#ADDRESS_ADDR_LOW}
     * @param target  the device
     * @throws IllegalStateException when another target already answers there
     */
    public static void attachI2c(int bus, int address, I2cTarget target) {
        WIRING.attachI2c(bus, address, Objects.requireNonNull(target, "target"));
    }

    /**
     * Disconnects whatever answers at this address; transfers to it then fail like an empty address.
     *
     * @param bus     I2C bus number
     * @param address 7-bit address
     */
    public static void detachI2c(int bus, int address) {
        WIRING.detachI2c(bus, address);
    }

    /**
     * Connects an HX711: the gateway's writes to {@code clockPin} are PD_SCK edges, its reads of {@code dataPin}
     * sample DOUT.
     *
     * @param clockPin BCM number of the gateway's output to PD_SCK
     * @param dataPin  BCM number of the gateway's input from DOUT
     * @param device   the chip
     * @throws IllegalStateException when either pin is already wired
     */
    public static void attachHx711(int clockPin, int dataPin, Hx711Device device) {
        WIRING.attachHx711(clockPin, dataPin, Objects.requireNonNull(device, "device"));
    }

    /**
     * Connects a door contact between {@code pin} and ground: LOW when closed, HIGH through the pull-up when open
     * (also with the pull resistor off, as the board carries an external pull-up; with {@code PULL_DOWN} an open
     * contact reads LOW — a wiring mistake the gateway's tests can catch).
     *
     * @param pin  BCM number of the gateway's input
     * @param door the contact
     * @throws IllegalStateException when the pin is already wired
     */
    public static void attachDoor(int pin, DoorContact door) {
        Objects.requireNonNull(door, "door");
        WIRING.attachDoor(pin, door);
    }

    /**
     * Drives an input pin from any signal, e.g. a mains-present detector.
     *
     * @param pin  BCM number of the gateway's input
     * @param high the level on the pin
     * @throws IllegalStateException when the pin is already wired
     */
    public static void attachInput(int pin, BooleanSupplier high) {
        Objects.requireNonNull(high, "high");
        WIRING.attachInput(pin, pull -> high.getAsBoolean());
    }

    /**
     * The observable side of a GPIO output (buzzer, relay), created on first use.
     *
     * @param pin BCM number of the gateway's output
     * @return the pin's state and change listeners
     */
    public static OutputPin digitalOutput(int pin) {
        return WIRING.output(pin);
    }

    /** Disconnects everything and forgets every output's state. Contexts already open see an empty board. */
    public static void reset() {
        WIRING.reset();
    }

    static Wiring wiring() {
        return WIRING;
    }

    static EdgeWatcher edges() {
        return EDGES;
    }
}
