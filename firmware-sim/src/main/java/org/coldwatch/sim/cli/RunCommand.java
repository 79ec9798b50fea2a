package org.coldwatch.sim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.coldwatch.sim.scenario.Scenario;
import org.coldwatch.sim.scenario.ScenarioLoader;
import org.coldwatch.sim.scenario.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a scenario and hands its readings to a target, paced at a speed: CSV for people and spreadsheets, a 1-Wire
 * folder for a gateway to read, CoAP nodes posting to a gateway.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario (a built-in name or a YAML file) and send its readings to a target.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "built-in scenario name or YAML file")
    String scenarioName;

    @Option(names = "--speed", defaultValue = "3600",
            description = "simulated seconds per wall-clock second, or 'max' (default: ${DEFAULT-VALUE})")
    String speed;

    @Option(names = "--seed", description = "seed of every random draw (default: the scenario's)")
    Long seed;

    @Option(names = "--every", defaultValue = "PT1M", description = "simulated time between readings (default: ${DEFAULT-VALUE})")
    Duration every;

    @Option(names = "--duration", description = "run only this long (default: the scenario's duration)")
    Duration duration;

    @Option(names = "--target", defaultValue = "csv",
            description = "csv (stdout), csv:FILE, onewire:DIR (DS18B20 sysfs files), coap://HOST:PORT/PATH "
                    + "(the scenario's coap-node sensors post SenML) (default: ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--truth", description = "also write the room's true state (csv targets)")
    boolean truth;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scenario loaded = ScenarioLoader.load(scenarioName);
        Scenario scenario = seed == null ? loaded : loaded.withSeed(seed);
        double secondsPerSecond = speed.equals("max") ? Double.POSITIVE_INFINITY : Double.parseDouble(speed);
        if (!(secondsPerSecond > 0)) {
            throw new IllegalArgumentException("--speed must be positive or 'max'");
        }
        Simulation sim = new Simulation(scenario);
        Instant end = duration == null ? scenario.end() : scenario.start().plus(duration);
        PrintWriter err = spec.commandLine().getErr();
        err.printf("firmware-sim: %s (%s), %s from %s at %s to %s%n", scenario.name(), scenario.title(),
                Duration.between(scenario.start(), end), scenario.start(),
                speed.equals("max") ? "full speed" : speed + "×", target);
        err.flush();
        try (ReadingTarget out = ReadingTarget.open(target, truth, spec.commandLine().getOut())) {
            long wallStart = System.nanoTime();
            sim.run(end, every, s -> {
                pace(wallStart, Duration.between(scenario.start(), s.now()), secondsPerSecond);
                out.accept(s);
            });
            err.printf("firmware-sim: done, %s%n", out.summary());
            for (Simulation.Happening h : sim.happenings()) {
                if (!h.what().startsWith("door")) {
                    err.printf("  %s  %s%n", h.at(), h.what());
                }
            }
            err.flush();
        }
        return 0;
    }

    /** Sleeps until the wall clock has caught up with the simulated time at the chosen speed. */
    private static void pace(long wallStartNanos, Duration simulated, double speed) {
        if (Double.isInfinite(speed)) {
            return;
        }
        long dueNanos = wallStartNanos + (long) (simulated.toNanos() / speed);
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
