package org.coldwatch.sim.coap;

import java.time.Clock;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's radio link: counts every datagram it transmits (the battery pays for each) and loses datagrams in both
 * directions, at random with the dropout probability and always during an offline window. The connectors call it
 * just before a datagram goes onto, or just after one comes off, the real loopback socket, so Californium and
 * Scandium see genuine loss and retransmit as they would over the air.
 */
final class Radio {
    private final NodeFaults faults;
    private final Clock clock;
    private final Random dice;
    private final AtomicLong transmissions = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    Radio(NodeFaults faults, Clock clock) {
        this.faults = faults;
        this.clock = clock;
        this.dice = new Random(faults.seed());
    }

    /** Counts a transmission; whether the datagram reaches the air (false: it is lost). */
    boolean transmit() {
        transmissions.incrementAndGet();
        return !loses();
    }

    /** Whether a datagram arriving now is lost before the node sees it. */
    boolean losesIncoming() {
        return loses();
    }

    /** Whether the radio is off now. */
    boolean isOffline() {
        return faults.isOffline(clock.instant());
    }

    /** Datagrams transmitted so far, lost ones included. */
    long transmissions() {
        return transmissions.get();
    }

    /** Datagrams lost so far, both directions. */
    long lost() {
        return lost.get();
    }

    private boolean loses() {
        boolean loses = isOffline() || (faults.dropoutProbability() > 0 && dice.nextDouble() < faults.dropoutProbability());
        if (loses) {
            lost.incrementAndGet();
        }
        return loses;
    }
}
