package org.coldwatch.gateway.sensor;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.coldwatch.protocol.Reading;

/**
 * Adapts a driver that is read on the sampler's schedule to a {@link SensorSource}: every read updates the sensor's
 * {@link FaultTracker}, and values outside their {@link org.coldwatch.protocol.ReadingKind}'s plausible range are an
 * {@link SensorState#IMPLAUSIBLE} fault here, before they reach the outbox.
 */
public final class PolledSource implements SensorSource {

    /** Reads the driver once. */
    @FunctionalInterface
    public interface Producer {
        /** @return readings stamped {@code now}; @throws SensorFault if the driver reports one */
        List<Reading> read(Instant now) throws SensorFault;
    }

    private final String id;
    private final Producer producer;
    private final FaultTracker tracker;
    private final Supplier<List<SensorCheck.Result>> deepChecks;

    /**
     * @param id       the sensor id (also the source's name)
     * @param kind     the kind name, for health
     * @param producer the driver call
     */
    public PolledSource(String id, String kind, Producer producer) {
        this(id, kind, producer, List::of);
    }

    /**
     * @param id         the sensor id (also the source's name)
     * @param kind       the kind name, for health
     * @param producer   the driver call
     * @param deepChecks what {@link #deepChecks()} runs
     */
    public PolledSource(String id, String kind, Producer producer, Supplier<List<SensorCheck.Result>> deepChecks) {
        this.id = Objects.requireNonNull(id, "id");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.tracker = new FaultTracker(id, kind);
        this.deepChecks = Objects.requireNonNull(deepChecks, "deepChecks");
    }

    @Override
    public List<SensorCheck.Result> deepChecks() {
        return deepChecks.get();
    }

    @Override
    public String name() {
        return id;
    }

    @Override
    public List<Reading> read(Instant now) throws SensorFault {
        try {
            List<Reading> readings = producer.read(now);
            for (Reading r : readings) {
                if (!r.kind().isPlausible(r.value())) {
                    throw new SensorFault(SensorState.IMPLAUSIBLE, String.format(Locale.ROOT,
                            "%s %.3f %s is outside %s…%s", r.kind().wireName(), r.value(), r.unit(), r.kind().min(),
                            r.kind().max()));
                }
            }
            tracker.ok(now);
            return readings;
        } catch (SensorFault fault) {
            tracker.failed(fault);
            throw fault;
        }
    }

    @Override
    public Optional<SensorHealth> health() {
        return Optional.of(tracker.health());
    }
}
