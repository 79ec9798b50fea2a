package org.coldwatch.gateway.sensor.door;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.coldwatch.gateway.outbox.OutboxException;
import org.coldwatch.gateway.sensor.DeviceHandle;
import org.coldwatch.gateway.sensor.DoorSensor;
import org.coldwatch.gateway.sensor.FaultTracker;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.gateway.sensor.SensorFault;
import org.coldwatch.gateway.sensor.SensorHealth;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A door as a push source: the state at start and then every debounced change go straight into the
 * {@link ReadingIntake} from the door's own thread, not at the next sampling round. Each change is a {@code door}
 * reading (1 open, 0 closed) dated at the transition; a closing also carries a {@code door-open-duration} in seconds
 * with the same time, and the last duration shows in the sensor's health detail. A GPIO that cannot be opened makes
 * the door {@code missing} until a later sampling round opens it.
 */
final class DoorContactSource implements SensorSource {
    private static final Logger LOG = LoggerFactory.getLogger(DoorContactSource.class);

    private final String id;
    private final DeviceHandle<DoorSensor> door;
    private final Clock clock;
    private final FaultTracker tracker;
    private volatile ReadingIntake intake;
    private boolean watching;

    DoorContactSource(String id, String kind, DeviceHandle<DoorSensor> door, Clock clock) {
        this.id = id;
        this.door = door;
        this.clock = clock;
        this.tracker = new FaultTracker(id, kind);
    }

    @Override
    public String name() {
        return id;
    }

    /** Starts watching; if the GPIO cannot be opened now, the sensor is missing and {@link #read} tries again. */
    @Override
    public void start(ReadingIntake readingIntake) {
        this.intake = readingIntake;
        try {
            watch(clock.instant());
        } catch (SensorFault fault) {
            // already tracked and logged; the sampler's next read retries
        }
    }

    private synchronized void watch(Instant now) throws SensorFault {
        if (watching) {
            return;
        }
        try {
            boolean open = door.get().start(this::changed);
            watching = true;
            tracker.ok(now);
            push(List.of(Reading.of(id, ReadingKind.DOOR, open ? 1 : 0, now)));
            LOG.info("door: id={} watching, door is {}", id, open ? "open" : "closed");
        } catch (SensorFault fault) {
            tracker.failed(fault);
            throw fault;
        }
    }

    private void changed(DoorChange change) {
        tracker.ok(change.at());
        List<Reading> readings = new ArrayList<>(2);
        readings.add(Reading.of(id, ReadingKind.DOOR, change.open() ? 1 : 0, change.at()));
        change.openFor().ifPresent(d -> {
            double seconds = d.toMillis() / 1000.0;
            readings.add(Reading.of(id, ReadingKind.DOOR_OPEN_DURATION, seconds, change.at()));
            tracker.note(String.format(Locale.ROOT, "last open %.1f s, closed at %s", seconds, change.at()));
        });
        if (change.open()) {
            tracker.note("open since " + change.at());
        }
        LOG.info("door: id={} {} at {}{}", id, change.open() ? "opened" : "closed", change.at(),
                change.openFor().map(d -> String.format(Locale.ROOT, " after %.1f s open", d.toMillis() / 1000.0))
                        .orElse(""));
        push(readings);
    }

    private void push(List<Reading> readings) {
        ReadingIntake target = intake;
        if (target == null) {
            return;
        }
        try {
            target.accept("door:" + id, readings);
        } catch (OutboxException e) {
            LOG.error("door: id={} outbox append of {} readings failed: {}", id, readings.size(), e.getMessage());
        }
    }

    /**
     * Nothing to poll: changes were pushed when they happened. Starts the watcher if its GPIO could not be opened
     * before, and marks it alive.
     *
     * @throws SensorFault missing while the GPIO cannot be opened
     */
    @Override
    public List<Reading> read(Instant now) throws SensorFault {
        if (intake != null) {
            watch(now);
        }
        tracker.ok(now);
        return List.of();
    }

    /** The door's state now as a {@code door} reading (the raw contact if the watcher is not started). */
    @Override
    public List<Reading> readNow(Instant now) throws SensorFault {
        boolean open = door.get().isOpen();
        tracker.ok(now);
        return List.of(Reading.of(id, ReadingKind.DOOR, open ? 1 : 0, now));
    }

    /** The debounced state now. */
    boolean isOpen() throws SensorFault {
        return door.get().isOpen();
    }

    @Override
    public Optional<SensorHealth> health() {
        return Optional.of(tracker.health());
    }

    @Override
    public void close() {
        if (door.isOpen()) {
            try {
                door.get().close();
            } catch (SensorFault impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
