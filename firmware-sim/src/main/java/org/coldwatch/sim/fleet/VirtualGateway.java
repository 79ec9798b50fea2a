package org.coldwatch.sim.fleet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * One simulated gateway's sending state, independent of the MQTT client: which batches are due, which are in flight
 * on which connection, which wait to be sent again, and what the server answered.
 *
 * <p>Rules, each enforced here under the gateway's lock:
 * <ul>
 *   <li>Batches start at the gateway's first schedule slot after its first connect. Batch {@code k} belongs to the
 *       k-th slot from there, carries seq {@code firstSeq + k} and is created only once, when it is due and the
 *       window has room; a batch is never dropped and never created twice.</li>
 *   <li>At most {@code window} batches are in flight per connection (the server's Receive Maximum, or less), counted
 *       per connection: each publish on the current connection frees its slot when it is answered or fails, so the
 *       MQTT client never sees more than the server allows.</li>
 *   <li>When a connection is lost, every batch in flight on it is queued for resending; resends go first, oldest seq
 *       first, with the same bytes.</li>
 *   <li>The first answer decides: a success (reason code &lt; 0x80) counts the batch acknowledged once, a refusal
 *       counts it refused by reason code and it is not sent again; later answers of other copies only free their
 *       window slots.</li>
 * </ul>
 * Publishing happens outside the lock, by one thread at a time ({@link #pump()}): the pacer when batches fall due,
 * or the MQTT client's callback thread when an answer frees the window.
 */
final class VirtualGateway {
    private static final int FIRST_REFUSAL_CODE = 0x80;
    /** PUBACK reason code 0x10 "No matching subscribers": a broker took the batch but handed it to no one. */
    static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    /** How often the pacer looks at a gateway whose window is full; its answers send what falls due meanwhile. */
    private static final long BEHIND_RECHECK_NANOS = 100_000_000;

    private final int index;
    private final String id;
    private final SendSchedule schedule;
    private final BatchFactory factory;
    private final SimulatedValues values;
    private final FleetStats stats;
    private final int maxInflight;
    private final LongSupplier clock;
    private final Runnable drained;
    private final Map<Long, PendingBatch> unanswered = new LinkedHashMap<>();
    private final TreeMap<Long, PendingBatch> resendQueue = new TreeMap<>();
    private long startSlot = -1;
    private long created;
    private long due;
    private boolean scheduling = true;
    private boolean drainReported;
    private int session;
    private BatchPublisher publisher;
    private int window;
    private int inFlight;
    private boolean pumping;
    private boolean pumpAgain;
    private long batchesAcked;
    private long readingsAcked;
    private long batchesRefused;
    private boolean resendUnrouted;

    /** Hands one batch to the MQTT connection of one session; false if that connection is gone. */
    @FunctionalInterface
    interface BatchPublisher {
        boolean publish(PendingBatch batch, int session, long publishedNanos);
    }

    private record Send(PendingBatch batch, int session, BatchPublisher publisher, long nowNanos) {
    }

    /**
     * @param maxInflight 0 to use the server's window as is
     * @param clock       run-relative nanoseconds
     * @param drained     called once, when scheduling has stopped and nothing is left unanswered
     */
    VirtualGateway(int index, String id, SendSchedule schedule, BatchFactory factory, SimulatedValues values,
                   FleetStats stats, int maxInflight, LongSupplier clock, Runnable drained) {
        this.index = index;
        this.id = id;
        this.schedule = schedule;
        this.factory = factory;
        this.values = values;
        this.stats = stats;
        this.maxInflight = maxInflight;
        this.clock = clock;
        this.drained = drained;
    }

    String id() {
        return id;
    }

    /**
     * Whether a PUBACK 0x10 "No matching subscribers" means "not delivered" (the batch is queued for resending, like
     * one whose connection was lost) rather than success: right behind a broker whose consumers may be away.
     */
    synchronized void resendUnrouted(boolean value) {
        resendUnrouted = value;
    }

    int index() {
        return index;
    }

    /** Marks every batch whose intended time has come as due, and sends what the window allows. */
    void tick(long nowNanos) {
        synchronized (this) {
            if (scheduling && startSlot >= 0) {
                due = Math.max(due, schedule.dueCount(index, nowNanos) - startSlot);
            }
        }
        pump();
    }

    /**
     * When the pacer should tick this gateway next: its next slot (before the first connect, the next slot after
     * {@code nowNanos}, to look again), or {@link Long#MAX_VALUE} once every slot is due or scheduling stopped.
     */
    synchronized long nextDueNanos(long nowNanos) {
        long slot = startSlot < 0 ? schedule.firstSlotFrom(index, nowNanos + 1) : startSlot + due;
        if (!scheduling || slot >= schedule.scheduledCount(index)) {
            return Long.MAX_VALUE;
        }
        long at = schedule.intendedAt(index, slot);
        // Behind (window full): answers pick up newly due batches themselves, so the pacer need not tick every slot.
        return due > created ? Math.max(at, nowNanos + BEHIND_RECHECK_NANOS) : at;
    }

    /** Batches the schedule offered until {@code endNanos} (counted from slot 0 if the gateway never connected). */
    synchronized long offered(long endNanos) {
        return Math.max(0, schedule.dueCount(index, endNanos) - Math.max(0, startSlot));
    }

    /** Ends the schedule: no new batch is created from now on; unanswered ones are still (re)sent. */
    void stopScheduling() {
        synchronized (this) {
            scheduling = false;
        }
        reportIfDrained();
    }

    /**
     * A connection is up with room for {@code serverWindow} unanswered batches; returns its session number. Sends
     * nothing yet: the caller records the session, then calls {@link #pump()}.
     */
    synchronized int connected(int serverWindow, BatchPublisher sessionPublisher) {
        if (startSlot < 0) {
            startSlot = schedule.firstSlotFrom(index, clock.getAsLong());
        }
        requeueInFlight();
        session++;
        publisher = sessionPublisher;
        window = maxInflight > 0 ? Math.min(maxInflight, serverWindow) : serverWindow;
        inFlight = 0;
        return session;
    }

    /** The connection of {@code lostSession} is gone: what was in flight on it waits to be sent again. */
    synchronized void connectionLost(int lostSession) {
        if (lostSession != session || publisher == null) {
            return;
        }
        publisher = null;
        inFlight = 0;
        requeueInFlight();
    }

    /** The server answered one publish of {@code batch} made on {@code answeredSession}. */
    void answered(PendingBatch batch, int answeredSession, long publishedNanos, int reasonCode, String reason) {
        long now = clock.getAsLong();
        synchronized (this) {
            freeSlot(answeredSession);
            if (resendUnrouted && reasonCode == NO_MATCHING_SUBSCRIBERS && !batch.answered()
                    && batch.inFlightSession() == answeredSession) {
                batch.markQueuedForResend();
                resendQueue.put(batch.seq(), batch);
            } else if (!batch.answered()) {
                batch.markAnswered();
                unanswered.remove(batch.seq());
                resendQueue.remove(batch.seq());
                if (reasonCode < FIRST_REFUSAL_CODE) {
                    batchesAcked++;
                    readingsAcked += batch.readingCount();
                    stats.acknowledged(batch, publishedNanos, now);
                } else {
                    batchesRefused++;
                    stats.refused(batch, reasonCode, reason, now);
                }
            }
        }
        reportIfDrained();
        pump();
    }

    /** The MQTT client gave up on one publish of {@code batch} without an answer from the server. */
    void failed(PendingBatch batch, int failedSession) {
        synchronized (this) {
            if (failedSession == session && publisher != null) {
                inFlight--;
                if (!batch.answered() && batch.inFlightSession() == failedSession) {
                    batch.markQueuedForResend();
                    resendQueue.put(batch.seq(), batch);
                }
            }
        }
        pump();
    }

    /** Sends whatever is due while the window has room; if another thread is already at it, asks it to go on. */
    void pump() {
        synchronized (this) {
            if (pumping) {
                pumpAgain = true;
                return;
            }
            pumping = true;
        }
        boolean released = false;
        try {
            while (true) {
                Send send = nextToSend();
                if (send != null) {
                    publish(send);
                    continue;
                }
                synchronized (this) {
                    if (!pumpAgain) {
                        pumping = false;
                        released = true;
                        return;
                    }
                    pumpAgain = false;
                }
            }
        } finally {
            if (!released) {
                synchronized (this) {
                    pumping = false;
                }
            }
        }
    }

    /** What this gateway did, for the report. */
    synchronized FleetReport.GatewayResult result() {
        long firstSeq = created == 0 ? 0 : factory.seqOf(0);
        long lastSeq = created == 0 ? 0 : factory.seqOf(created - 1);
        return new FleetReport.GatewayResult(id, firstSeq, lastSeq, created, batchesAcked, readingsAcked,
                batchesRefused, unanswered.size());
    }

    /** Batches scheduled so far but not created because the window was full: how far behind the gateway is. */
    synchronized long behind() {
        return Math.max(0, due - created);
    }

    private synchronized Send nextToSend() {
        if (publisher == null || inFlight >= window) {
            return null;
        }
        Map.Entry<Long, PendingBatch> resend = resendQueue.pollFirstEntry();
        PendingBatch batch = resend == null ? null : resend.getValue();
        long now = clock.getAsLong();
        if (batch == null) {
            if (scheduling && startSlot >= 0 && created >= due) {
                due = Math.max(due, schedule.dueCount(index, now) - startSlot);
            }
            if (!scheduling || created >= due) {
                return null;
            }
            batch = factory.create(id, values, created, schedule.intendedAt(index, startSlot + created));
            created++;
            unanswered.put(batch.seq(), batch);
        }
        batch.markPublished(session);
        inFlight++;
        stats.published(batch, now - batch.intendedNanos());
        return new Send(batch, session, publisher, now);
    }

    private void publish(Send send) {
        if (!send.publisher().publish(send.batch(), send.session(), send.nowNanos())) {
            connectionLost(send.session());
        }
    }

    private void freeSlot(int answeredSession) {
        if (answeredSession == session && publisher != null) {
            inFlight--;
        }
    }

    private void requeueInFlight() {
        for (PendingBatch batch : unanswered.values()) {
            if (batch.inFlightSession() != PendingBatch.NOT_IN_FLIGHT) {
                batch.markQueuedForResend();
                resendQueue.put(batch.seq(), batch);
            }
        }
    }

    private void reportIfDrained() {
        synchronized (this) {
            if (scheduling || drainReported || !unanswered.isEmpty()) {
                return;
            }
            drainReported = true;
        }
        drained.run();
    }
}
