package org.coldwatch.sim.pi4j;

/**
 * Something that attaches devices to the simulated board when Pi4J loads the plugin, found through {@link
 * java.util.ServiceLoader}. It lets a gateway started in its own JVM find a simulated room already wired, without the
 * plugin knowing what a room is.
 */
public interface BoardSetup {

    /** Attaches devices to {@link SimulatedHardware}; does nothing if there is nothing to attach. Idempotent. */
    void wireBoard();
}
