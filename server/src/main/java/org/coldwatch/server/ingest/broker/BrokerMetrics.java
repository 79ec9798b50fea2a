package org.coldwatch.server.ingest.broker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** The external broker's counters ({@code coldwatch_broker_*} in /metrics). */
final class BrokerMetrics {
    private final Counter received;
    private final Counter redeliveries;
    private final Counter acks;
    private final Counter notAcked;
    private final Counter reconnects;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    BrokerMetrics(MeterRegistry registry) {
        received = Counter.builder("coldwatch.broker.messages").tag("event", "received")
                .description("Messages received from the external broker").register(registry);
        redeliveries = Counter.builder("coldwatch.broker.messages").tag("event", "redelivered")
                .description("Messages the broker sent again (DUP flag): sent before, not acknowledged")
                .register(registry);
        acks = Counter.builder("coldwatch.broker.messages").tag("event", "acknowledged")
                .description("PUBACKs sent to the broker: stored, duplicate or refused (and archived)")
                .register(registry);
        notAcked = Counter.builder("coldwatch.broker.messages").tag("event", "not_acknowledged")
                .description("Messages left unacknowledged (storage failed, or the connection dropped before the"
                        + " store finished); the broker sends them again").register(registry);
        reconnects = Counter.builder("coldwatch.broker.reconnects")
                .description("Connections to the broker after the first").register(registry);
        Gauge.builder("coldwatch.broker.connected", connected, AtomicInteger::get)
                .description("1 while connected to the external broker and subscribed").register(registry);
        Gauge.builder("coldwatch.broker.inflight", inFlight, AtomicInteger::get)
                .description("Messages received from the broker and not yet answered").register(registry);
    }

    void received(boolean duplicate) {
        received.increment();
        inFlight.incrementAndGet();
        if (duplicate) {
            redeliveries.increment();
        }
    }

    void acknowledged() {
        acks.increment();
        inFlight.decrementAndGet();
    }

    void notAcknowledged() {
        notAcked.increment();
        inFlight.decrementAndGet();
    }

    void connected(boolean reconnect) {
        connected.set(1);
        if (reconnect) {
            reconnects.increment();
        }
    }

    void disconnected() {
        connected.set(0);
    }

    boolean isConnected() {
        return connected.get() == 1;
    }
}
