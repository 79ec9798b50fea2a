package org.coldwatch.sim.coap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What goes wrong with a node, on purpose.
 *
 * @param dropoutProbability chance that the radio loses a datagram, each direction, 0 … 1; CoAP retransmits
 *                           confirmable messages (RFC 7252 section 4.2), so a loss usually costs time and battery,
 *                           not data
 * @param offlineWindows     periods of the node's clock in which its radio is off: nothing is sent or received,
 *                           measurements wait in the backlog
 * @param clockless          the node has no wall clock: it sends times relative to the moment of sending (t &le; 0,
 *                           no bt), which the gateway turns into absolute times on arrival (RFC 8428 section 4.5.3)
 * @param seed               seed of the dropout dice, for repeatable runs
 */
public record NodeFaults(double dropoutProbability, List<OfflineWindow> offlineWindows, boolean clockless,
                         long seed) {

    /** The radio is off from {@code from} (inclusive) until {@code until} (exclusive) on the node's clock. */
    public record OfflineWindow(Instant from, Instant until) {
        public OfflineWindow {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (!until.isAfter(from)) {
                throw new IllegalArgumentException("offline window: until " + until + " must be after from " + from);
            }
        }

        /** Whether {@code at} lies in the window. */
        public boolean contains(Instant at) {
            return !at.isBefore(from) && at.isBefore(until);
        }
    }

    public NodeFaults {
        if (!(dropoutProbability >= 0 && dropoutProbability <= 1)) {
            throw new IllegalArgumentException("dropoutProbability: must be 0 … 1, was " + dropoutProbability);
        }
        offlineWindows = List.copyOf(offlineWindows);
    }

    /** A node that works perfectly. */
    public static NodeFaults none() {
        return new NodeFaults(0.0, List.of(), false, 1L);
    }

    /** These faults with datagrams lost at {@code probability}. */
    public NodeFaults withDropout(double probability) {
        return new NodeFaults(probability, offlineWindows, clockless, seed);
    }

    /** These faults plus the radio off from {@code from} until {@code until}. */
    public NodeFaults withOfflineWindow(Instant from, Instant until) {
        List<OfflineWindow> windows = new ArrayList<>(offlineWindows);
        windows.add(new OfflineWindow(from, until));
        return new NodeFaults(dropoutProbability, windows, clockless, seed);
    }

    /** These faults on a node without a wall clock. */
    public NodeFaults withoutClock() {
        return new NodeFaults(dropoutProbability, offlineWindows, true, seed);
    }

    /** These faults with dice seeded by {@code value}. */
    public NodeFaults withSeed(long value) {
        return new NodeFaults(dropoutProbability, offlineWindows, clockless, value);
    }

    /** Whether the radio is off at {@code at}. */
    public boolean isOffline(Instant at) {
        return offlineWindows.stream().anyMatch(w -> w.contains(at));
    }
}
