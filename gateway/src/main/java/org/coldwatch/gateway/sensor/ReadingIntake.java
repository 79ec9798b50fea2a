package org.coldwatch.gateway.sensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.coldwatch.gateway.outbox.Outbox;
import org.coldwatch.gateway.outbox.OutboxException;
import org.coldwatch.gateway.outbox.OutboxFullException;
import org.coldwatch.gateway.outbox.ReadingCheck;
import org.coldwatch.protocol.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door every reading enters the gateway through, whoever produced it (a polled driver through the {@link
 * Sampler}, a CoAP node's POST): checked against the wire contract, appended to the outbox in one transaction, and
 * only then shown to the {@link ReadingObserver}s. A reading that breaks the contract is dropped here, counted and
 * logged, so that it cannot make the server refuse a batch of good readings.
 */
public final class ReadingIntake {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingIntake.class);

    private final Outbox outbox;
    private final List<ReadingObserver> observers = new CopyOnWriteArrayList<>();
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile ReadingCorrection correction = ReadingCorrection.NONE;
    private final AtomicLong refusedFull = new AtomicLong();

    /** Readings go into {@code outbox}. */
    public ReadingIntake(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Applies {@code value} (calibration) to every reading from now on, before it is checked and stored. */
    public void correctWith(ReadingCorrection value) {
        correction = value;
    }

    /** Shows every reading accepted from now on to {@code observer}. */
    public void addObserver(ReadingObserver observer) {
        observers.add(observer);
    }

    /**
     * Checks, stores and publishes {@code readings} to the observers.
     *
     * @param source names the producer in log lines (e.g. {@code sht3x:air-return}, {@code coap:node-7})
     * @return how many were appended and how many dropped as invalid
     * @throws OutboxException if the outbox cannot store them; nothing was stored or observed then
     *                         ({@link OutboxFullException}: the outbox is full, counted in {@link #refusedFullCount()})
     */
    public Accepted accept(String source, List<Reading> readings) {
        List<Reading> valid = new ArrayList<>(readings.size());
        int dropped = 0;
        ReadingCorrection correct = correction;
        for (Reading raw : readings) {
            Reading r = correct.correct(raw);
            Optional<String> problem = ReadingCheck.problem(r);
            if (problem.isPresent()) {
                dropped++;
                LOG.warn("intake: source={} reading dropped: {}", source, problem.get());
            } else {
                valid.add(r);
            }
        }
        rejected.addAndGet(dropped);
        try {
            outbox.append(valid);
        } catch (OutboxFullException e) {
            refusedFull.addAndGet(valid.size());
            throw e;
        }
        appended.addAndGet(valid.size());
        if (!valid.isEmpty()) {
            for (ReadingObserver observer : observers) {
                observer.observed(valid);
            }
        }
        return new Accepted(valid.size(), dropped);
    }

    /** Readings appended to the outbox since start. */
    public long appendedCount() {
        return appended.get();
    }

    /** Readings dropped as invalid since start. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** Valid readings the outbox refused because it was full ({@code outbox.fullPolicy: refuse-new}, disk full). */
    public long refusedFullCount() {
        return refusedFull.get();
    }

    /**
     * What one {@link #accept} call did.
     *
     * @param appended readings now in the outbox
     * @param rejected readings dropped for breaking the wire contract
     */
    public record Accepted(int appended, int rejected) {
    }
}
