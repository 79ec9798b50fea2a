package org.coldwatch.gateway.sensor;

import java.time.Duration;

/**
 * Waits for hardware: a conversion time from a datasheet, the gap between two polls of a pin. Not for synchronising
 * threads. Drivers take one so that a test can count or shorten the waits.
 */
@FunctionalInterface
public interface Pause {

    /** Waits at least {@code duration}. @throws InterruptedException if interrupted while waiting */
    void pause(Duration duration) throws InterruptedException;

    /** Sleeps the calling thread; on Linux {@link Thread#sleep} never returns early. */
    static Pause sleeping() {
        return d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
    }
}
