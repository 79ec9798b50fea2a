package org.coldwatch.gateway.uplink;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.coldwatch.gateway.outbox.Outbox;
import org.coldwatch.gateway.outbox.SealedBatch;

/**
 * Decides, for one connection, which batch to publish next and in which lane ({@link InflightLanes}): a live batch
 * whenever readings appended lately are waiting and the window has room, otherwise the next backlog batch, oldest
 * first. Knows nothing of MQTT; the caller publishes what it is given and reports every answer with {@link #freed}.
 *
 * <p>The backlog keeps its own cursor over seqs: first every batch still sealed from before this connection, then
 * newly sealed ones. A live batch gets a higher seq than older sealed batches, so the backlog skips exactly the seqs
 * this connection already sent live, and nothing else. Used by the uplink thread; {@link #freed} by Paho's threads.
 */
final class LaneScheduler {
    /** What to do next. */
    enum Step { PUBLISH, NOTHING_TO_SEND, WINDOW_FULL }

    /** The decision: {@code batch} and {@code lane} are set for {@link Step#PUBLISH}. */
    record Next(Step step, SealedBatch batch, InflightLanes.Lane lane) {
        static final Next NOTHING = new Next(Step.NOTHING_TO_SEND, null, null);
        static final Next FULL = new Next(Step.WINDOW_FULL, null, null);
    }

    private final Outbox outbox;
    private final InflightLanes lanes;
    private final int maxBatchesPerFetch;
    private final Map<Long, InflightLanes.Lane> laneOfSeq = new ConcurrentHashMap<>();
    private final Set<Long> sentLive = new HashSet<>();
    private final Deque<SealedBatch> fetched = new ArrayDeque<>();
    private long backlogCursor;

    /** Opens the outbox's live lane; call once per connection. */
    LaneScheduler(Outbox outbox, InflightLanes lanes, int maxBatchesPerFetch) {
        this.outbox = outbox;
        this.lanes = lanes;
        this.maxBatchesPerFetch = maxBatchesPerFetch;
        outbox.startLiveLane();
    }

    /**
     * The next batch to publish, its place in the window already taken; or why there is none.
     *
     * @throws org.coldwatch.gateway.outbox.OutboxException if the outbox cannot be read (no place is kept taken)
     */
    Next next() {
        if (lanes.tryStart(InflightLanes.Lane.LIVE)) {
            List<SealedBatch> live;
            try {
                live = outbox.nextLive(1);
            } catch (RuntimeException e) {
                lanes.finished(InflightLanes.Lane.LIVE);
                throw e;
            }
            if (!live.isEmpty()) {
                sentLive.add(live.get(0).seq());
                return taken(live.get(0), InflightLanes.Lane.LIVE);
            }
            lanes.finished(InflightLanes.Lane.LIVE);
        }
        if (!lanes.tryStart(InflightLanes.Lane.BACKLOG)) {
            return Next.FULL;
        }
        try {
            if (fetched.isEmpty()) {
                fetchBacklog(Math.max(1, Math.min(lanes.backlogRoom() + 1, maxBatchesPerFetch)));
            }
        } catch (RuntimeException e) {
            lanes.finished(InflightLanes.Lane.BACKLOG);
            throw e;
        }
        SealedBatch batch = fetched.poll();
        if (batch == null) {
            lanes.finished(InflightLanes.Lane.BACKLOG);
            return Next.NOTHING;
        }
        return taken(batch, InflightLanes.Lane.BACKLOG);
    }

    /** Batch {@code seq} was answered (or its publish failed): its place is free again. Unknown seqs are ignored. */
    void freed(long seq) {
        InflightLanes.Lane lane = laneOfSeq.remove(seq);
        if (lane != null) {
            lanes.finished(lane);
        }
    }

    /** Waits until a place is freed, at most {@code millis}. */
    void awaitFreedPlace(long millis) throws InterruptedException {
        lanes.awaitFinished(millis);
    }

    private Next taken(SealedBatch batch, InflightLanes.Lane lane) {
        laneOfSeq.put(batch.seq(), lane);
        return new Next(Step.PUBLISH, batch, lane);
    }

    private void fetchBacklog(int max) {
        while (fetched.isEmpty()) {
            List<SealedBatch> batches = outbox.nextToSend(backlogCursor, max);
            if (batches.isEmpty()) {
                return;
            }
            for (SealedBatch b : batches) {
                backlogCursor = Math.max(backlogCursor, b.seq());
                if (!sentLive.remove(b.seq())) {
                    fetched.add(b);
                }
            }
        }
    }
}
