package org.coldwatch.server.ingest.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the endpoint's per-message limit checks cost: one {@link GatewayRateLimiter#charge} (two token buckets) and
 * one {@link InflightBudget} add + release, on 1 and 4 threads over 100 gateways (docs/benchmarks.md, "Endpoint
 * limits and overload"). Not a test: run its {@code main}. Argument: operations per thread.
 */
public final class EndpointLimitsBench {
    private static final int GATEWAYS = 100;

    private EndpointLimitsBench() {
    }

    public static void main(String[] args) throws Exception {
        long operations = Long.parseLong(args[0]);
        for (int round = 1; round <= 2; round++) {
            for (int threads : new int[] {1, 4}) {
                System.out.printf("round %d, %d thread(s): %.0f ns of wall time per message (all threads together)%n", round, threads,
                        run(threads, operations));
            }
        }
    }

    private static double run(int threads, long operations) throws InterruptedException {
        GatewayRateLimiter limiter = new GatewayRateLimiter(new GatewayRateLimiter.Rates(500, 50_000, 10),
                System::nanoTime);
        InflightBudget budget = InflightBudget.of(16L << 20);
        LongAdder delayed = new LongAdder();
        String[] ids = new String[GATEWAYS];
        for (int g = 0; g < GATEWAYS; g++) {
            ids[g] = "gw-" + g;
        }
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread worker = new Thread(() -> {
                for (long i = 0; i < operations; i++) {
                    String gateway = ids[(int) ((i + offset) % GATEWAYS)];
                    budget.add(4_500);
                    if (!limiter.charge(gateway, 50).isZero()) {
                        delayed.increment();
                    }
                    budget.release(4_500);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return (System.nanoTime() - start) / (double) (operations * threads);
    }
}
