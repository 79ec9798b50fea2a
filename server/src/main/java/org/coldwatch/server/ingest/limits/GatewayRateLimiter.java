package org.coldwatch.server.ingest.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-gateway rate limits on messages and readings per second, as two {@link TokenBucket}s per gateway. It never
 * refuses: it answers how long a gateway's acknowledgement must wait so that the gateway stays within its rates.
 * With the MQTT 5 Receive Maximum, a gateway whose acknowledgements wait stops at its window: backpressure, no loss.
 *
 * <p>Pure and thread-safe; the clock is injected.
 */
public final class GatewayRateLimiter {

    /**
     * The limits.
     *
     * @param messagesPerSecond per gateway; 0 for no limit
     * @param readingsPerSecond per gateway; 0 for no limit
     * @param burstSeconds      how many seconds' worth of tokens a full bucket holds (the burst allowed at once)
     */
    public record Rates(double messagesPerSecond, double readingsPerSecond, double burstSeconds) {
        /** No limits at all. */
        public static final Rates UNLIMITED = new Rates(0, 0, 1);

        public Rates {
            if (messagesPerSecond < 0 || readingsPerSecond < 0 || !(burstSeconds > 0)) {
                throw new IllegalArgumentException("rates must be >= 0 and the burst > 0 s");
            }
        }

        boolean unlimited() {
            return messagesPerSecond == 0 && readingsPerSecond == 0;
        }
    }

    private record Buckets(TokenBucket messages, TokenBucket readings) {
    }

    private final Rates rates;
    private final LongSupplier nanoTime;
    private final Map<String, Buckets> buckets = new ConcurrentHashMap<>();

    public GatewayRateLimiter(Rates rates, LongSupplier nanoTime) {
        this.rates = rates;
        this.nanoTime = nanoTime;
    }

    /**
     * Charges one message of {@code readings} readings to the gateway.
     *
     * @return how long its acknowledgement must wait; {@link Duration#ZERO} within its rates
     */
    public Duration charge(String gatewayId, int readings) {
        if (rates.unlimited()) {
            return Duration.ZERO;
        }
        Buckets of = buckets.computeIfAbsent(gatewayId, id -> new Buckets(
                bucket(rates.messagesPerSecond()), bucket(rates.readingsPerSecond())));
        long waitNanos = 0;
        if (of.messages() != null) {
            waitNanos = of.messages().take(1);
        }
        if (of.readings() != null && readings > 0) {
            waitNanos = Math.max(waitNanos, of.readings().take(readings));
        }
        return Duration.ofNanos(waitNanos);
    }

    private TokenBucket bucket(double perSecond) {
        return perSecond == 0 ? null
                : new TokenBucket(perSecond, Math.max(1, perSecond * rates.burstSeconds()), nanoTime);
    }
}
