package org.coldwatch.gateway.sensor.door;

import com.pi4j.io.gpio.digital.DigitalInput;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.coldwatch.gateway.sensor.DoorSensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A door's reed contact on a GPIO input, polled every {@code poll} on its own thread (independent of the sampling
 * interval, so a change is reported within about {@code poll + debounce}) and debounced by {@link Debouncer}.
 * Wiring: contact to ground with a pull-up, so a shut door (contact closed) reads LOW and an open door — or a cut
 * wire, the fail-safe direction — reads HIGH; {@code openWhenHigh = false} inverts this for normally-open contacts.
 */
public final class GpioDoorContact implements DoorSensor {
    private static final Logger LOG = LoggerFactory.getLogger(GpioDoorContact.class);

    private final DigitalInput input;
    private final String id;
    private final Duration debounce;
    private final Duration poll;
    private final boolean openWhenHigh;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private ScheduledExecutorService poller;
    private volatile Debouncer debouncer;
    private volatile boolean open;

    /**
     * @param input        the GPIO input, configured with its pull resistor
     * @param id           the sensor id, for the thread name and log lines
     * @param debounce     how long a level must hold to count
     * @param poll         time between two samples
     * @param openWhenHigh whether HIGH means open (pull-up wiring with a contact that closes when the door shuts)
     * @param clock        dates the transitions
     * @param nanoTime     monotonic nanoseconds for debouncing and open durations, e.g. {@code System::nanoTime}
     */
    public GpioDoorContact(DigitalInput input, String id, Duration debounce, Duration poll, boolean openWhenHigh,
            Clock clock, LongSupplier nanoTime) {
        this.input = Objects.requireNonNull(input, "input");
        this.id = id;
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.poll = Objects.requireNonNull(poll, "poll");
        this.openWhenHigh = openWhenHigh;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public synchronized boolean isOpen() {
        return poller == null ? rawOpen() : open;
    }

    /** The raw, undebounced state now. */
    public boolean rawOpen() {
        return input.isHigh() == openWhenHigh;
    }

    @Override
    public synchronized boolean start(Consumer<DoorChange> listener) {
        if (poller != null) {
            throw new IllegalStateException("door contact " + id + " already started");
        }
        open = rawOpen();
        debouncer = new Debouncer(debounce, open, nanoTime.getAsLong());
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coldwatch-door-" + id);
            t.setDaemon(true);
            return t;
        });
        poller.scheduleAtFixedRate(() -> sample(listener), poll.toNanos(), poll.toNanos(), TimeUnit.NANOSECONDS);
        return open;
    }

    private void sample(Consumer<DoorChange> listener) {
        try {
            boolean rawNow = rawOpen();
            Optional<DoorChange> change = debouncer.sample(rawNow, clock.instant(), nanoTime.getAsLong());
            if (change.isPresent()) {
                open = change.get().open();
                listener.accept(change.get());
            }
        } catch (RuntimeException e) {
            // keep polling: one failed sample or listener call must not silence the door for good
            LOG.warn("door: id={} sample failed: {}", id, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (poller == null) {
            return;
        }
        poller.shutdown();
        try {
            if (!poller.awaitTermination(5, TimeUnit.SECONDS)) {
                poller.shutdownNow();
            }
        } catch (InterruptedException e) {
            poller.shutdownNow();
            Thread.currentThread().interrupt();
        }
        poller = null;
    }
}
