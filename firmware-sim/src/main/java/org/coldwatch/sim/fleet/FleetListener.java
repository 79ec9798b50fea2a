package org.coldwatch.sim.fleet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Receives the progress of a running fleet, every {@link FleetOptions#progressInterval()}. */
@FunctionalInterface
public interface FleetListener {

    /** Called on the fleet's progress thread; must return quickly. */
    void progress(FleetProgress progress);

    /** Logs each progress line at INFO through SLF4J. */
    static FleetListener logging() {
        Logger log = LoggerFactory.getLogger(Fleet.class);
        return progress -> log.info("fleet: {}", progress.toLine());
    }
}
