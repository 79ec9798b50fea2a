package org.coldwatch.sim.fleet;

/**
 * The open-loop plan of a run: when each gateway connects and when each of its batches is meant to be sent, in
 * nanoseconds from the start of the run. The plan never depends on how fast the server answers; a sender that falls
 * behind sends late (and reports the lag) but the plan stays put, which is what makes latencies measured from the
 * intended time free of coordinated omission.
 *
 * <p>Gateway {@code g} of {@code n} connects at {@code rampUp·g/n} and sends batch {@code k} at
 * {@code spread·g/n + k·interval}, where {@code spread = max(rampUp, interval)}: without ramp-up the first sends are
 * still staggered over one interval, so the fleet's offered rate is even from the start; with a ramp-up longer than
 * an interval the rate climbs linearly as gateways join. Batches are scheduled while their intended time is before
 * the end of the run.
 *
 * <p>These are the slots of a gateway. A gateway's batches start at its first slot at or after its first successful
 * connect ({@link #firstSlotFrom}), so connection set-up is not counted as latency; from then on its schedule never
 * waits for anything.
 */
final class SendSchedule {
    private final int gateways;
    private final long intervalNanos;
    private final long rampUpNanos;
    private final long spreadNanos;
    private final long durationNanos;

    SendSchedule(int gateways, long intervalNanos, long rampUpNanos, long durationNanos) {
        if (gateways < 1 || intervalNanos < 1 || rampUpNanos < 0 || durationNanos < 1) {
            throw new IllegalArgumentException("gateways, interval and duration must be positive, ramp-up >= 0");
        }
        this.gateways = gateways;
        this.intervalNanos = intervalNanos;
        this.rampUpNanos = rampUpNanos;
        this.spreadNanos = Math.max(rampUpNanos, intervalNanos);
        this.durationNanos = durationNanos;
    }

    static SendSchedule of(FleetOptions options) {
        return new SendSchedule(options.gateways(), options.intervalNanos(), options.rampUp().toNanos(),
                options.duration().toNanos());
    }

    long intervalNanos() {
        return intervalNanos;
    }

    long durationNanos() {
        return durationNanos;
    }

    /** When gateway {@code g} connects. */
    long connectAt(int g) {
        return share(rampUpNanos, g);
    }

    /** When gateway {@code g} sends its first batch. */
    long firstSendAt(int g) {
        return share(spreadNanos, g);
    }

    /** When slot {@code k} (0-based) of gateway {@code g} is. */
    long intendedAt(int g, long k) {
        return firstSendAt(g) + k * intervalNanos;
    }

    /** The first slot of gateway {@code g} at or after {@code now}. */
    long firstSlotFrom(int g, long now) {
        long first = firstSendAt(g);
        return now <= first ? 0 : (now - first + intervalNanos - 1) / intervalNanos;
    }

    /** How many slots gateway {@code g} has in the whole run. */
    long scheduledCount(int g) {
        long first = firstSendAt(g);
        if (first >= durationNanos) {
            return 0;
        }
        return (durationNanos - first + intervalNanos - 1) / intervalNanos;
    }

    /** How many slots of gateway {@code g} have come at {@code now}, at most all of them. */
    long dueCount(int g, long now) {
        long first = firstSendAt(g);
        if (now < first) {
            return 0;
        }
        return Math.min(scheduledCount(g), (now - first) / intervalNanos + 1);
    }

    /** Slots of the whole fleet: the offered load if every gateway connects at once. */
    long totalScheduled() {
        long total = 0;
        for (int g = 0; g < gateways; g++) {
            total += scheduledCount(g);
        }
        return total;
    }

    private long share(long span, int g) {
        return (long) ((double) span * g / gateways);
    }
}
