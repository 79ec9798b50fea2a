package org.coldwatch.gateway.sensor;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@link SensorKind} may use to build its source: the process's one Pi4J context (created on first use,
 * so a gateway with only 1-Wire probes never loads Pi4J's providers), the gateway's clock and the way drivers wait
 * for conversions. Closing the context
 * shuts the Pi4J context down, if one was created.
 */
public final class SensorContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SensorContext.class);

    private final Supplier<Context> factory;
    private final Clock clock;
    private final Pause pause;
    private Context pi4j;
    private boolean closed;

    /**
     * @param factory creates the Pi4J context when a sensor first needs it, e.g. {@code Pi4J::newAutoContext}
     * @param clock   the time readings are stamped with
     */
    public SensorContext(Supplier<Context> factory, Clock clock) {
        this(factory, clock, Pause.sleeping());
    }

    /**
     * @param factory creates the Pi4J context when a sensor first needs it
     * @param clock   the time readings are stamped with
     * @param pause   how drivers wait for conversions (tests on a fake device clock advance it instead)
     */
    public SensorContext(Supplier<Context> factory, Clock clock, Pause pause) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /** A context with Pi4J's auto-detected platform and providers (on the test class path: firmware-sim's). */
    public static SensorContext auto(Clock clock) {
        return new SensorContext(Pi4J::newAutoContext, clock);
    }

    /** The Pi4J context, created on the first call. */
    public synchronized Context pi4j() {
        if (closed) {
            throw new IllegalStateException("sensor context closed");
        }
        if (pi4j == null) {
            pi4j = factory.get();
            LOG.info("sensor: pi4j context created, platform={}", pi4j.platform() == null ? "none"
                    : pi4j.platform().id());
        }
        return pi4j;
    }

    /** The gateway's clock. */
    public Clock clock() {
        return clock;
    }

    /** How drivers wait for conversion times. */
    public Pause pause() {
        return pause;
    }

    /** Shuts the Pi4J context down if it was created. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pi4j != null) {
            pi4j.shutdown();
        }
    }
}
