package org.coldwatch.sim.fleet;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many connection attempts are under way at once, without blocking anyone: an attempt beyond the bound
 * waits in a queue and starts when an earlier attempt finishes. A reconnect storm of thousands of gateways thus
 * costs a bounded number of connect threads in the generator, while the server still sees connects as fast as it
 * accepts them.
 */
final class ConnectThrottle {
    private final Semaphore permits;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    ConnectThrottle(int concurrentAttempts) {
        this.permits = new Semaphore(concurrentAttempts);
    }

    /** Starts {@code attempt} now, or as soon as fewer attempts are under way; it must call {@link #done()}. */
    void submit(Runnable attempt) {
        waiting.add(attempt);
        startWaiting();
    }

    /** One attempt finished, successfully or not. */
    void done() {
        permits.release();
        startWaiting();
    }

    private void startWaiting() {
        while (!waiting.isEmpty() && permits.tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                permits.release();
                return;
            }
            next.run();
        }
    }
}
