package org.coldwatch.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.ConfigException;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.outbox.ClockSync;
import org.coldwatch.gateway.outbox.OutboxHealth;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.gateway.outbox.TimesyncdClockSync;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorKinds;
import org.coldwatch.gateway.sensor.SensorSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.coldwatch.gateway.settings.SettingsFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code coldwatch-gateway} command line: {@code run}, {@code status}, {@code scan}, {@code selftest},
 * {@code provision}. */
@Command(name = "coldwatch-gateway", mixinStandardHelpOptions = true,
        versionProvider = GatewayCli.Version.class,
        description = "ColdWatch gateway: samples sensors, keeps readings in a durable outbox, sends them over MQTT.",
        subcommands = {GatewayCli.Run.class, GatewayCli.Status.class, ScanCommand.class, SelftestCommand.class,
            ProvisionCommand.class})
public final class GatewayCli {
    /** Exit code for a configuration the gateway cannot use. */
    static final int EXIT_CONFIG = 2;

    private GatewayCli() {
    }

    /** Entry point of {@code java -jar coldwatch-gateway.jar}. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "coldwatch-gateway-logback.xml");
        }
        // Paho logs through java.util.logging; only its warnings matter to an operator.
        java.util.logging.Logger.getLogger("org.eclipse.paho").setLevel(Level.WARNING);
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(GatewayCli.class);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("configuration error: " + e.getMessage());
                return EXIT_CONFIG;
            }
            throw e;
        });
        return cli;
    }

    /** {@code run}: runs the gateway until it is stopped (SIGTERM / Ctrl-C). */
    @Command(name = "run", description = "Run the gateway until stopped.")
    static final class Run implements Callable<Integer> {
        private static final Logger LOG = LoggerFactory.getLogger(Run.class);

        @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "YAML configuration")
        Path config;

        @Override
        public Integer call() throws InterruptedException {
            GatewayConfig cfg = GatewayConfig.load(config);
            Clock clock = Clock.systemUTC();
            SensorKinds.load().validate(cfg.sensors());
            SensorContext sensors = SensorContext.auto(clock);
            Gateway gateway;
            try {
                List<SensorSource> sources = Gateway.sourcesFrom(cfg, sensors);
                LOG.info("gateway: id={} {} sensor(s) configured", cfg.gateway().id(), sources.size());
                gateway = Gateway.start(cfg, sources, clock, new TimesyncdClockSync(), sensors);
            } catch (RuntimeException e) {
                sensors.close();
                throw e;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                gateway.close();
                sensors.close();
                stopped.countDown();
            }, "coldwatch-shutdown"));
            stopped.await();
            return 0;
        }
    }

    /** {@code status}: what the outbox file holds. */
    @Command(name = "status", description = "Print the outbox's depth, oldest unsent reading and quarantine.")
    static final class Status implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "YAML configuration")
        Path config;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            GatewayConfig cfg = GatewayConfig.load(config);
            PrintWriter out = spec.commandLine().getOut();
            Path file = cfg.outbox().path();
            out.println("gateway:      " + cfg.gateway().id());
            out.println("outbox:       " + file);
            if (!Files.exists(file)) {
                out.println("outbox file does not exist yet (nothing sampled)");
                return 0;
            }
            try (SqliteOutbox outbox = SqliteOutbox.open(file, cfg.gateway().id(),
                    cfg.outbox().maxReadingsPerBatch(), cfg.outboxLimits(), Clock.systemUTC(),
                    ClockSync.alwaysSynchronized())) {
                OutboxHealth health = outbox.health();
                out.println("depth:        " + health.depth() + " readings");
                out.println("oldest:       " + outbox.oldestUnsent().map(Object::toString).orElse("-"));
                out.println("quarantined:  " + health.quarantined() + " batches");
                out.println("state:        " + health.state().wireName() + " (" + health.bytesUsed() + " of "
                        + health.budgetBytes() + " bytes, " + health.freeDiskBytes() + " bytes free on disk, policy "
                        + cfg.outboxLimits().fullPolicy().configName() + ")");
                out.println("thinned:      " + health.thinned() + " readings");
            }
            SettingsFile settings = SettingsFile.besideOutbox(file);
            out.println("settings:     " + settings.load()
                    .map(v -> "version " + v.version() + " from the server (" + settings.path() + "), "
                            + v.alarmRules().size() + " alarm rule(s)")
                    .orElse("config file only, " + cfg.alarm().rules().size() + " alarm rule(s)"));
            out.flush();
            return 0;
        }
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"coldwatch-gateway " + Gateway.softwareVersion()};
        }
    }
}
