package org.coldwatch.gateway.alarm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.coldwatch.gateway.sensor.ReadingObserver;
import org.coldwatch.protocol.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's local alarm: an {@link AlarmEvaluator} fed by the reading intake (it needs no server), ticked once a
 * second on its own thread, switching an {@link AlarmOutput} and reporting every change to the log and an
 * {@link AlarmEventSink}. The evaluator is used under this object's lock, so readings, ticks, the silence button and
 * rule replacements arrive in some order, never interleaved.
 */
public final class LocalAlarm implements ReadingObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAlarm.class);

    private final AlarmEvaluator evaluator;
    private final AlarmOutput output;
    private final AlarmEventSink sink;
    private final Duration tickEvery;
    private final ScheduledExecutorService ticker;
    private boolean sounding;

    /**
     * An alarm that evaluates readings at once and time only after {@link #start()}.
     *
     * @param tickEvery how often delays, no-data and re-sounding are checked
     */
    public LocalAlarm(AlarmEvaluator evaluator, AlarmOutput output, AlarmEventSink sink, Duration tickEvery) {
        this.evaluator = evaluator;
        this.output = output;
        this.sink = sink;
        this.tickEvery = tickEvery;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coldwatch-alarm");
            t.setDaemon(true);
            return t;
        });
        output.sound(false);
    }

    /** Starts checking the clock every {@code tickEvery}. */
    public void start() {
        long millis = tickEvery.toMillis();
        ticker.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void observed(List<Reading> readings) {
        handle(evaluator.observe(readings));
    }

    /** Checks delays, no-data and re-sounding now. */
    public synchronized void tick() {
        try {
            handle(evaluator.tick());
            sink.idle();
        } catch (RuntimeException e) {
            LOG.error("alarm: tick failed; the alarm keeps running", e);
        }
    }

    /** The silence button was pressed. */
    public synchronized void silence() {
        List<AlarmEvent> events = evaluator.silence();
        if (events.isEmpty()) {
            LOG.info("alarm: silence pressed with nothing sounding");
        }
        handle(events);
    }

    /** Replaces the rules in force (from the server's settings). */
    public synchronized void replaceRules(AlarmRules rules) {
        handle(evaluator.replaceRules(rules));
        LOG.info("alarm: {} rule(s) in force: {}", rules.rules().size(),
                rules.rules().stream().map(r -> r.id()).toList());
    }

    /** The state now. */
    public synchronized AlarmState state() {
        return new AlarmState(sounding, evaluator.active(), evaluator.rules().rules().size());
    }

    private void handle(List<AlarmEvent> events) {
        for (AlarmEvent event : events) {
            if (event.type() == AlarmEvent.Type.RAISED || event.type() == AlarmEvent.Type.RESOUNDED) {
                LOG.warn("alarm: {} rule={} sensor={} condition={} value={}", event.type(), event.ruleId(),
                        event.sensorId(), event.condition().wireName(), event.value().map(String::valueOf).orElse("-"));
            } else {
                LOG.info("alarm: {} rule={} sensor={} condition={} value={}", event.type(), event.ruleId(),
                        event.sensorId(), event.condition().wireName(), event.value().map(String::valueOf).orElse("-"));
            }
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("alarm: event sink failed: {}", e.toString());
            }
        }
        boolean now = evaluator.sounding();
        if (now != sounding) {
            sounding = now;
            output.sound(now);
            LOG.info("alarm: output {}", now ? "ON" : "off");
        }
    }

    /** Stops ticking and switches the output off. */
    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (this) {
            output.close();
            sounding = false;
        }
    }
}
