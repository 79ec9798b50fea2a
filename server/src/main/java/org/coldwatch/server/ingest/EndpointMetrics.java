package org.coldwatch.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.coldwatch.server.ingest.limits.InflightBudget;

/**
 * The built-in MQTT endpoint's own meters ({@code coldwatch_mqtt_*}): connects by outcome, TLS handshake failures,
 * keep-alive timeouts, throttled acknowledgements and their delay, and what is in flight. Refusals of messages stay
 * in {@link IngestMetrics} ({@code coldwatch_ingest_rejected_total}), oversized frames included.
 */
public final class EndpointMetrics {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Counter tlsHandshakeFailures;
    private final Counter keepAliveTimeouts;
    private final Counter throttled;
    private final Timer throttleDelay;
    private final Counter readPauses;

    public EndpointMetrics(MeterRegistry registry) {
        this.registry = registry;
        accepted = Counter.builder("coldwatch.mqtt.connects").tag("outcome", "accepted").tag("reason", "none")
                .description("MQTT CONNECTs, by outcome and reason").register(registry);
        tlsHandshakeFailures = Counter.builder("coldwatch.mqtt.tls.handshake.failures")
                .description("Connections to the TLS port that failed their TLS handshake").register(registry);
        keepAliveTimeouts = Counter.builder("coldwatch.mqtt.keepalive.timeouts")
                .description("Connections closed because the client was silent for 1.5 x its keep-alive")
                .register(registry);
        throttled = Counter.builder("coldwatch.mqtt.throttled.messages")
                .description("Acknowledgements delayed by a gateway's rate limit").register(registry);
        throttleDelay = Timer.builder("coldwatch.mqtt.throttle.delay")
                .description("How long throttled acknowledgements were delayed").register(registry);
        readPauses = Counter.builder("coldwatch.mqtt.read.pauses")
                .description("Times the endpoint stopped reading because the in-flight budget was exceeded")
                .register(registry);
    }

    /** Publishes the in-flight gauges of {@code budget}. */
    void watch(InflightBudget budget) {
        Gauge.builder("coldwatch.mqtt.inflight.messages", budget, InflightBudget::messages)
                .description("QoS 1 messages received and not yet answered").register(registry);
        Gauge.builder("coldwatch.mqtt.inflight.bytes", budget, InflightBudget::bytes)
                .description("Payload bytes received and not yet answered").register(registry);
        Gauge.builder("coldwatch.mqtt.inflight.budget.bytes", budget, InflightBudget::highWaterBytes)
                .description("Above this many bytes in flight the endpoint stops reading").register(registry);
        Gauge.builder("coldwatch.mqtt.reading.paused", budget, b -> b.over() ? 1 : 0)
                .description("1 while the endpoint does not read from its connections").register(registry);
    }

    void accepted() {
        accepted.increment();
    }

    void refused(String reason) {
        refused.computeIfAbsent(reason, r -> Counter.builder("coldwatch.mqtt.connects").tag("outcome", "refused")
                .tag("reason", r).description("MQTT CONNECTs, by outcome and reason").register(registry)).increment();
    }

    void tlsHandshakeFailed() {
        tlsHandshakeFailures.increment();
    }

    void keepAliveTimedOut() {
        keepAliveTimeouts.increment();
    }

    void throttled(Duration delay) {
        throttled.increment();
        throttleDelay.record(delay);
    }

    void readPaused() {
        readPauses.increment();
    }
}
