package org.coldwatch.sim.hardware;

import org.coldwatch.sim.pi4j.BoardSetup;

/**
 * Wires the scenario named by {@code -Dcoldwatch.sim.scenario=…} when Pi4J loads the simulated plugin (see {@link
 * ScenarioHardware#fromSystemProperties()}). Once per JVM.
 */
public final class SystemPropertyBoardSetup implements BoardSetup {
    private static ScenarioHardware wired;

    @Override
    public void wireBoard() {
        synchronized (SystemPropertyBoardSetup.class) {
            if (wired == null) {
                wired = ScenarioHardware.fromSystemProperties();
            }
        }
    }
}
