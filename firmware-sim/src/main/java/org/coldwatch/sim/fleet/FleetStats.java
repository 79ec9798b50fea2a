package org.coldwatch.sim.fleet;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The fleet's counters and latency recorders, written concurrently by every gateway (LongAdders and HdrHistogram
 * {@link Recorder}s, no lock on the hot path) and read by the progress reporter and the final report.
 *
 * <p>Latencies are recorded in microseconds: from the batch's intended send time to its PUBACK (what a gateway would
 * experience, including time spent waiting behind a full window: coordinated-omission-free), from the publish that
 * was answered to its PUBACK (the server's service time), and the send lag (first publish minus intended time).
 */
final class FleetStats {
    private final LongAdder batchesSent = new LongAdder();
    private final LongAdder readingsSent = new LongAdder();
    private final LongAdder resends = new LongAdder();
    private final LongAdder batchesAcked = new LongAdder();
    private final LongAdder readingsAcked = new LongAdder();
    private final LongAdder batchesRefused = new LongAdder();
    private final LongAdder readingsRefused = new LongAdder();
    private final LongAdder connects = new LongAdder();
    private final LongAdder connectionsLost = new LongAdder();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger peakConnected = new AtomicInteger();
    private final AtomicLong lastAnswerNanos = new AtomicLong();
    private final Map<Integer, Refusals> refusals = new ConcurrentHashMap<>();
    private final Map<Integer, Refusals> connectFailures = new ConcurrentHashMap<>();
    private final Recorder fromIntended = new Recorder(3);
    private final Recorder fromPublish = new Recorder(3);
    private final Recorder sendLag = new Recorder(3);
    private final Histogram totalFromIntended = new Histogram(3);
    private final Histogram totalFromPublish = new Histogram(3);
    private final Histogram totalSendLag = new Histogram(3);

    /** How often, and the first reason given, for one reason code. */
    static final class Refusals {
        final LongAdder count = new LongAdder();
        final String firstReason;

        Refusals(String firstReason) {
            this.firstReason = firstReason;
        }
    }

    void published(PendingBatch batch, long lagNanos) {
        if (batch.publishCount() == 1) {
            batchesSent.increment();
            readingsSent.add(batch.readingCount());
            sendLag.recordValue(micros(lagNanos));
        } else {
            resends.increment();
        }
    }

    void acknowledged(PendingBatch batch, long publishedNanos, long nowNanos) {
        batchesAcked.increment();
        readingsAcked.add(batch.readingCount());
        fromIntended.recordValue(micros(nowNanos - batch.intendedNanos()));
        fromPublish.recordValue(micros(nowNanos - publishedNanos));
        lastAnswerNanos.accumulateAndGet(nowNanos, Math::max);
    }

    void refused(PendingBatch batch, int reasonCode, String reason, long nowNanos) {
        batchesRefused.increment();
        readingsRefused.add(batch.readingCount());
        refusals.computeIfAbsent(reasonCode, c -> new Refusals(reason)).count.increment();
        lastAnswerNanos.accumulateAndGet(nowNanos, Math::max);
    }

    void connected() {
        connects.increment();
        peakConnected.accumulateAndGet(connected.incrementAndGet(), Math::max);
    }

    void disconnected() {
        connected.decrementAndGet();
        connectionsLost.increment();
    }

    void connectFailed(int code, String reason) {
        connectFailures.computeIfAbsent(code, c -> new Refusals(reason)).count.increment();
    }

    /** Moves what was recorded since the last call into the totals; returns the interval's histograms. */
    synchronized Histogram[] sampleInterval() {
        Histogram[] interval = {fromIntended.getIntervalHistogram(), fromPublish.getIntervalHistogram(),
            sendLag.getIntervalHistogram()};
        totalFromIntended.add(interval[0]);
        totalFromPublish.add(interval[1]);
        totalSendLag.add(interval[2]);
        return interval;
    }

    synchronized Histogram totalFromIntended() {
        return totalFromIntended.copy();
    }

    synchronized Histogram totalFromPublish() {
        return totalFromPublish.copy();
    }

    synchronized Histogram totalSendLag() {
        return totalSendLag.copy();
    }

    long batchesSent() {
        return batchesSent.sum();
    }

    long readingsSent() {
        return readingsSent.sum();
    }

    long resends() {
        return resends.sum();
    }

    long batchesAcked() {
        return batchesAcked.sum();
    }

    long readingsAcked() {
        return readingsAcked.sum();
    }

    long batchesRefused() {
        return batchesRefused.sum();
    }

    long readingsRefused() {
        return readingsRefused.sum();
    }

    long connects() {
        return connects.sum();
    }

    long connectionsLost() {
        return connectionsLost.sum();
    }

    int connectedNow() {
        return connected.get();
    }

    int peakConnected() {
        return peakConnected.get();
    }

    long lastAnswerNanos() {
        return lastAnswerNanos.get();
    }

    /** Refused batches by PUBACK reason code, in code order. */
    Map<Integer, Refusals> refusals() {
        return new TreeMap<>(refusals);
    }

    /** Failed connection attempts by CONNACK reason code or client error code, in code order. */
    Map<Integer, Refusals> connectFailures() {
        return new TreeMap<>(connectFailures);
    }

    private static long micros(long nanos) {
        return Math.max(0, nanos / 1_000);
    }
}
