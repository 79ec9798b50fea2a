package org.coldwatch.sim.scenario;

/** A scenario file that cannot be used, with a message naming the file and the key. */
public final class ScenarioException extends IllegalArgumentException {
    ScenarioException(String message) {
        super(message);
    }

    ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
