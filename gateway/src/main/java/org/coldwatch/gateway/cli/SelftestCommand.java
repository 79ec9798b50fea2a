package org.coldwatch.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.sensor.SensorCheck;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorKinds;
import org.coldwatch.gateway.sensor.SensorSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code selftest}: reads every configured sensor a few times, checks plausibility, checks the uplink, prints a
 * pass/fail table. Exit code 0 when every check passed, 1 when any failed, 2 for a bad configuration.
 */
@Command(name = "selftest", description = "Read every configured sensor, check plausibility and the uplink;"
        + " print a pass/fail table. Exit code 0 = all pass, 1 = any fail.")
final class SelftestCommand implements Callable<Integer> {
    /** Exit code when a check failed. */
    static final int EXIT_FAILED = 1;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "YAML configuration")
    Path config;

    @Option(names = "--reads", defaultValue = "3", paramLabel = "N", description = "Reads per sensor (default: 3)")
    int reads;

    @Option(names = "--uplink-timeout-seconds", defaultValue = "10", paramLabel = "S",
            description = "MQTT connect timeout (default: 10)")
    int uplinkTimeoutSeconds;

    @Option(names = "--skip-uplink", description = "Do not check the uplink")
    boolean skipUplink;

    @Option(names = "--deep", description = "Also run the slower checks that change a sensor for a while"
            + " (SHT3x: heater on for 5 s, must read warmer)")
    boolean deep;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (reads < 1 || reads > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--reads: must be 1…1000, was " + reads);
        }
        GatewayConfig cfg = GatewayConfig.load(config);
        SensorKinds.load().validate(cfg.sensors());
        Clock clock = Clock.systemUTC();
        List<Row> rows = new ArrayList<>();
        try (SensorContext sensors = SensorContext.auto(clock)) {
            List<SensorSource> sources = Gateway.sourcesFrom(cfg, sensors);
            try {
                for (int i = 0; i < sources.size(); i++) {
                    SensorSpec s = cfg.sensors().get(i);
                    SensorCheck.Result r = SensorCheck.run(s.id(), s.kind(), sources.get(i), reads, clock);
                    rows.add(row(r));
                    if (deep) {
                        sources.get(i).deepChecks().forEach(check -> rows.add(row(check)));
                    }
                }
            } finally {
                sources.forEach(SensorSource::close);
            }
        }
        if (!skipUplink) {
            UplinkCheck.Result up = UplinkCheck.run(cfg, Duration.ofSeconds(uplinkTimeoutSeconds));
            rows.add(new Row("uplink", "mqtt", up.passed(), "-", cfg.uplink().serverUri(), up.detail()));
        }
        return print(spec.commandLine().getOut(), rows);
    }

    private static Row row(SensorCheck.Result r) {
        return new Row(r.id(), r.kind(), r.passed(), r.goodReads() + "/" + r.reads(), r.lastValues(), r.detail());
    }

    /** One line of the table. */
    record Row(String name, String kind, boolean passed, String reads, String value, String detail) {
    }

    static int print(PrintWriter out, List<Row> rows) {
        String format = "%-20s %-13s %-6s %-6s %-28s %s%n";
        out.printf(format, "CHECK", "KIND", "RESULT", "READS", "VALUE", "DETAIL");
        long failed = 0;
        for (Row row : rows) {
            out.printf(format, row.name(), row.kind(), row.passed() ? "PASS" : "FAIL", row.reads(), row.value(),
                    row.detail());
            failed += row.passed() ? 0 : 1;
        }
        if (rows.isEmpty()) {
            out.println("nothing to check: no sensors configured and --skip-uplink given");
        }
        out.println(failed == 0 ? "RESULT: PASS (" + rows.size() + " checks)"
                : "RESULT: FAIL (" + failed + " of " + rows.size() + " checks failed)");
        out.flush();
        return failed == 0 ? 0 : EXIT_FAILED;
    }
}
