package org.coldwatch.sim.pi4j;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A GPIO output the gateway drives (buzzer, relay), as a test or the demo observes it: the last level written, how
 * many times it changed, and listeners called on every change. Obtain one with
 * {@link SimulatedHardware#digitalOutput(int)}; it exists before and after the gateway opens the pin.
 */
public final class OutputPin {

    /** Called on the writing thread after the pin changed level. */
    @FunctionalInterface
    public interface Listener {
        /**
         * The pin changed level.
         *
         * @param pin  BCM GPIO number
         * @param high the new level
         */
        void onChange(int pin, boolean high);
    }

    private final int pin;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private boolean driven;
    private boolean high;
    private int changes;

    OutputPin(int pin) {
        this.pin = pin;
    }

    /** BCM GPIO number. */
    public int pin() {
        return pin;
    }

    /** Whether the gateway has driven the pin since the simulation was (re)set. */
    public synchronized boolean isDriven() {
        return driven;
    }

    /** The last level the gateway wrote; {@code false} before any write. */
    public synchronized boolean isHigh() {
        return high;
    }

    /** How many times the level changed (the first write counts when it drives the pin HIGH). */
    public synchronized int changes() {
        return changes;
    }

    /** Adds a listener for level changes. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    void drive(boolean level) {
        boolean changed;
        synchronized (this) {
            changed = level != high || !driven && level;
            driven = true;
            high = level;
            if (changed) {
                changes++;
            }
        }
        if (changed) {
            listeners.forEach(listener -> listener.onChange(pin, level));
        }
    }
}
