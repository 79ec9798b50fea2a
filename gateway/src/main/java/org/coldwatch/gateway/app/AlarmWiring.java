package org.coldwatch.gateway.app;

import com.pi4j.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.coldwatch.gateway.alarm.AlarmEvaluator;
import org.coldwatch.gateway.alarm.AlarmEventSink;
import org.coldwatch.gateway.alarm.AlarmOutput;
import org.coldwatch.gateway.alarm.AlarmRules;
import org.coldwatch.gateway.alarm.AlarmSettings;
import org.coldwatch.gateway.alarm.GpioAlarmOutput;
import org.coldwatch.gateway.alarm.GpioSilenceButton;
import org.coldwatch.gateway.alarm.LocalAlarm;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the local alarm from the {@code alarm:} settings: the evaluator with the file's rules, the GPIO output and
 * silence button when pins are configured (a Pi4J context is opened only then), registered on the reading intake.
 */
final class AlarmWiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmWiring.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final LocalAlarm alarm;
    private final GpioSilenceButton button;
    private final ForwardingSink sink;

    private AlarmWiring(LocalAlarm alarm, GpioSilenceButton button, ForwardingSink sink) {
        this.alarm = alarm;
        this.button = button;
        this.sink = sink;
    }

    /** @param pi4jContext the process's Pi4J context, asked for only when a pin is configured; not shut down here */
    static AlarmWiring start(AlarmSettings settings, ReadingIntake intake, Clock clock, Supplier<Context> pi4jContext) {
        Context pi4j = settings.outputPin().isPresent() || settings.silencePin().isPresent()
                ? pi4jContext.get() : null;
        AlarmOutput output = settings.outputPin()
                .<AlarmOutput>map(pin -> new GpioAlarmOutput(pi4j, pin, settings.activeHigh()))
                .orElse(AlarmOutput.NONE);
        AlarmEvaluator evaluator = new AlarmEvaluator(clock, settings.resoundAfter());
        evaluator.replaceRules(new AlarmRules(settings.rules()));
        ForwardingSink sink = new ForwardingSink();
        LocalAlarm alarm = new LocalAlarm(evaluator, output, sink, TICK);
        GpioSilenceButton button = settings.silencePin()
                .map(pin -> new GpioSilenceButton(pi4j, pin, settings.silenceActiveHigh(), alarm::silence))
                .orElse(null);
        intake.addObserver(alarm);
        alarm.start();
        LOG.info("alarm: {} rule(s) from the config file, output {}, silence button {}", settings.rules().size(),
                settings.outputPin().map(p -> "GPIO " + p).orElse("none"),
                settings.silencePin().map(p -> "GPIO " + p).orElse("none"));
        return new AlarmWiring(alarm, button, sink);
    }

    LocalAlarm alarm() {
        return alarm;
    }

    /** Where alarm events go from now on (the events publisher, once the uplink exists). */
    void forwardEventsTo(AlarmEventSink target) {
        sink.target = target;
    }

    @Override
    public void close() {
        if (button != null) {
            button.close();
        }
        alarm.close();
    }

    private static final class ForwardingSink implements AlarmEventSink {
        volatile AlarmEventSink target = AlarmEventSink.NONE;

        @Override
        public void accept(org.coldwatch.gateway.alarm.AlarmEvent event) {
            target.accept(event);
        }

        @Override
        public void idle() {
            target.idle();
        }
    }
}
