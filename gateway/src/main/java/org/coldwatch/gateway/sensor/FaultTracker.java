package org.coldwatch.gateway.sensor;

import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers one sensor's {@link SensorState} and logs only when it changes (a fault once when it starts, once when
 * the sensor recovers), so a probe that fails every second does not flood the log. Thread-safe.
 */
public final class FaultTracker {
    private static final Logger LOG = LoggerFactory.getLogger(FaultTracker.class);

    private final String id;
    private final String kind;
    private SensorState state = SensorState.OK;
    private String detail = "";
    private Instant lastGoodAt;
    private long faults;

    /**
     * @param id   the sensor's id
     * @param kind its kind name
     */
    public FaultTracker(String id, String kind) {
        this.id = id;
        this.kind = kind;
    }

    /** A read at {@code at} produced plausible values; a detail noted while ok stays. */
    public synchronized void ok(Instant at) {
        if (state != SensorState.OK) {
            LOG.info("sensor: id={} kind={} recovered from {}", id, kind, state);
            detail = "";
        }
        state = SensorState.OK;
        lastGoodAt = at;
    }

    /** A read failed with {@code fault}. */
    public synchronized void failed(SensorFault fault) {
        faults++;
        if (state != fault.state()) {
            LOG.warn("sensor: id={} kind={} state={} {}", id, kind, fault.state(), fault.getMessage());
        }
        state = fault.state();
        detail = fault.getMessage();
    }

    /** Replaces the detail shown while the sensor is ok (e.g. the last door-open duration). */
    public synchronized void note(String text) {
        if (state == SensorState.OK) {
            detail = text;
        }
    }

    /** Failed reads since start. */
    public synchronized long faultCount() {
        return faults;
    }

    /** The current health. */
    public synchronized SensorHealth health() {
        return new SensorHealth(id, kind, state, detail, Optional.ofNullable(lastGoodAt));
    }
}
