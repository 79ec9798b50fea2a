package org.coldwatch.gateway.outbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Remembers, in memory, the first pending id of each append in the last {@link #window}, on a monotonic clock: the
 * live lane starts at the oldest of them, so that readings appended in the seconds before a reconnect go out with
 * the live ones instead of behind a week of backlog. Pure; not thread-safe (used under the outbox's monitor).
 */
final class RecentAppends {
    private final long windowNanos;
    private final Deque<long[]> appends = new ArrayDeque<>();

    RecentAppends(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /** An append whose first pending id is {@code firstId} happened at {@code monoNanos}. */
    void appended(long firstId, long monoNanos) {
        appends.addLast(new long[] {firstId, monoNanos});
        forgetBefore(monoNanos);
    }

    /** The first id appended within the window before {@code monoNanos}, or {@code nextId} if none was. */
    long liveFloor(long monoNanos, long nextId) {
        forgetBefore(monoNanos);
        return appends.isEmpty() ? nextId : appends.peekFirst()[0];
    }

    Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    private void forgetBefore(long monoNanos) {
        while (!appends.isEmpty() && monoNanos - appends.peekFirst()[1] > windowNanos) {
            appends.removeFirst();
        }
    }
}
