package org.coldwatch.gateway.uplink;

/**
 * One connection's in-flight window shared by two lanes: the backlog lane sends the oldest readings at full speed
 * but may use at most {@code window − reserve} places; the reserve (a tenth of the window, at least one when the
 * window has two or more places) is kept for the live lane, so that readings appended during a backfill go out at
 * once instead of waiting behind it; the backlog also never has more than {@link #MAX_BACKLOG_IN_FLIGHT} in flight.
 * The live lane may use any free place.
 *
 * <p>Plain Java, no I/O: the uplink thread starts publishes, Paho's callback threads finish them.
 */
final class InflightLanes {
    /** Which lane a publish belongs to. */
    enum Lane { LIVE, BACKLOG }

    /**
     * Most backlog batches in flight at once, whatever the window: each is a queue place a live batch waits behind
     * at the server. 32 batches of 500 readings keep a loopback or 4G link busy (docs/benchmarks.md).
     */
    static final int MAX_BACKLOG_IN_FLIGHT = 32;

    private final int window;
    private final int liveReserve;
    private final int backlogLimit;
    private int live;
    private int backlog;

    /** @param window most publishes in flight at once, at least 1 */
    InflightLanes(int window) {
        this(window, MAX_BACKLOG_IN_FLIGHT);
    }

    InflightLanes(int window, int maxBacklog) {
        if (window < 1) {
            throw new IllegalArgumentException("window: must be at least 1, was " + window);
        }
        this.window = window;
        this.liveReserve = window >= 2 ? Math.max(1, window / 10) : 0;
        this.backlogLimit = Math.max(1, Math.min(window - liveReserve, maxBacklog));
    }

    /** Takes a place for {@code lane} if it may have one now; {@link #finished} gives it back. */
    synchronized boolean tryStart(Lane lane) {
        boolean free = live + backlog < window;
        boolean allowed = lane == Lane.LIVE ? free : free && backlog < backlogLimit;
        if (allowed) {
            if (lane == Lane.LIVE) {
                live++;
            } else {
                backlog++;
            }
        }
        return allowed;
    }

    /** Gives back a place taken by {@link #tryStart}: the publish was answered, failed, or never made. */
    synchronized void finished(Lane lane) {
        if (lane == Lane.LIVE) {
            live = Math.max(0, live - 1);
        } else {
            backlog = Math.max(0, backlog - 1);
        }
        notifyAll();
    }

    /** Waits until a place is given back, at most {@code millis}. */
    synchronized void awaitFinished(long millis) throws InterruptedException {
        wait(millis);
    }

    /** Places the backlog lane could take now. */
    synchronized int backlogRoom() {
        return Math.max(0, Math.min(backlogLimit - backlog, window - live - backlog));
    }

    /** Places kept for the live lane. */
    int liveReserve() {
        return liveReserve;
    }

    synchronized int inFlight() {
        return live + backlog;
    }
}
