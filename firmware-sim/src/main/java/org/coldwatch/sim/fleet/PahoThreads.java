package org.coldwatch.sim.fleet;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of every MQTT client of the fleet, shared.
 *
 * <p>Paho's {@code MqttAsyncClient} runs three blocking loops per connection (receiver, sender, callback) on the
 * executor it is given, and schedules its keep-alive pings on it. A plain {@link ScheduledThreadPoolExecutor} has a
 * fixed number of threads, so loops beyond that number would never start. {@link #forPaho()} therefore runs
 * immediate tasks on an unbounded cached pool (one thread per loop, reused across reconnects) and only timed tasks
 * on two timer threads. Compared with Paho's default (three loop threads plus a {@code java.util.Timer} thread per
 * client) this saves one thread per gateway; the fleet still needs about three threads per connected gateway, which
 * is what limits how many gateways one process can simulate (see firmware-sim/docs/fleet.md).
 */
final class PahoThreads implements AutoCloseable {
    private final ExecutorService loops = Executors.newCachedThreadPool(daemon("fleet-mqtt-"));
    private final ScheduledThreadPoolExecutor timers = new LoopsOnCachedPool(loops);

    /** The executor to hand to every {@code MqttAsyncClient}. */
    ScheduledExecutorService forPaho() {
        return timers;
    }

    /** Runs {@code task} on a pool thread after {@code delayMillis}, keeping the timer threads free for pings. */
    void runLater(Runnable task, long delayMillis) {
        timers.schedule(() -> loops.execute(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on a pool thread now. */
    void run(Runnable task) {
        loops.execute(task);
    }

    /** Live threads of the shared pool: roughly three per connected gateway. */
    int poolThreads() {
        return ((java.util.concurrent.ThreadPoolExecutor) loops).getPoolSize();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        loops.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Timed tasks on two timer threads; everything submitted for immediate execution goes to the cached pool. */
    private static final class LoopsOnCachedPool extends ScheduledThreadPoolExecutor {
        private final ExecutorService loops;

        LoopsOnCachedPool(ExecutorService loops) {
            super(2, daemon("fleet-timer-"));
            this.loops = loops;
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public void execute(Runnable command) {
            loops.execute(command);
        }

        @Override
        public Future<?> submit(Runnable task) {
            return loops.submit(task);
        }

        @Override
        public <T> Future<T> submit(Runnable task, T result) {
            return loops.submit(task, result);
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            return loops.submit(task);
        }
    }
}
