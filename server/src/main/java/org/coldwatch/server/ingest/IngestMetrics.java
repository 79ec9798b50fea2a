package org.coldwatch.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The ingest counters, named for Prometheus ({@code coldwatch_ingest_*}). */
public final class IngestMetrics {
    private final Counter acceptedReadings;
    private final Counter duplicateReadings;
    private final Counter storedBatches;
    private final Counter duplicateBatches;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Timer storeLatency;

    public IngestMetrics(MeterRegistry registry) {
        acceptedReadings = Counter.builder("coldwatch.ingest.readings").tag("outcome", "accepted")
                .description("Readings committed to storage").register(registry);
        duplicateReadings = Counter.builder("coldwatch.ingest.readings").tag("outcome", "duplicate")
                .description("Readings received again in a batch already stored").register(registry);
        storedBatches = Counter.builder("coldwatch.ingest.batches").tag("outcome", "stored").register(registry);
        duplicateBatches = Counter.builder("coldwatch.ingest.batches").tag("outcome", "duplicate").register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("coldwatch.ingest.rejected").tag("reason", reason.label())
                    .description("Connections and messages refused, by reason").register(registry));
        }
        storeLatency = Timer.builder("coldwatch.ingest.store.latency")
                .description("From receipt of a batch to its durable commit").publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void stored(int readings, Duration latency) {
        storedBatches.increment();
        acceptedReadings.increment(readings);
        storeLatency.record(latency);
    }

    void duplicate(int readings) {
        duplicateBatches.increment();
        duplicateReadings.increment(readings);
    }

    void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    /** Refusals so far for one reason. */
    public double rejectedCount(RejectReason reason) {
        return rejected.get(reason).count();
    }
}
