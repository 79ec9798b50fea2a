package org.coldwatch.sim.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code firmware-sim fleet}: runs the fleet load generator against a broker or a ColdWatch server, prints progress
 * and a report table, and optionally writes the report as JSON. Exit code 0 when every sent batch was acknowledged,
 * 1 when some were refused or left unanswered, 2 for invalid options.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Many virtual gateways sending telemetry over MQTT 5 on an open-loop schedule; reports what the"
                + " server acknowledged, refused or left unanswered, with latency percentiles.")
public final class FleetCommand implements Callable<Integer> {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "URI",
            description = "broker or server, e.g. tcp://127.0.0.1:1883")
    String target;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "one 'gatewayId,secret' per line (coldwatch-server add-gateways writes it);"
                    + " without it the gateways connect anonymously")
    Path credentialsFile;

    @Option(names = "--gateways", paramLabel = "N",
            description = "virtual gateways (default: every line of --credentials; required without it)")
    Integer gateways;

    @Option(names = "--prefix", defaultValue = "fleet-",
            description = "id prefix of anonymous gateways (default: ${DEFAULT-VALUE}, giving fleet-1, fleet-2, ...)")
    String prefix;

    @Option(names = "--sensors", defaultValue = "5", paramLabel = "M",
            description = "sensors per gateway (default: ${DEFAULT-VALUE})")
    int sensors;

    @Option(names = "--readings-per-message", defaultValue = "5", paramLabel = "K",
            description = "readings per batch, 1-1000 (default: ${DEFAULT-VALUE})")
    int readingsPerMessage;

    @ArgGroup(exclusive = true)
    PaceOption pace;

    @Option(names = "--duration", defaultValue = "PT60S", converter = DurationConverter.class,
            description = "how long batches are scheduled, ramp-up included (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--ramp-up", defaultValue = "PT0S", converter = DurationConverter.class,
            description = "spread connects and first sends over this time (default: ${DEFAULT-VALUE})")
    Duration rampUp;

    @Option(names = "--first-seq", defaultValue = "1", paramLabel = "N|clock",
            description = "seq of every gateway's first batch, or 'clock' for epoch seconds x 1,000,000 so that"
                    + " repeated runs never reuse a seq (default: ${DEFAULT-VALUE})")
    String firstSeq;

    @Option(names = "--max-inflight", defaultValue = "0",
            description = "unacknowledged batches per connection; 0 = the server's Receive Maximum (default)")
    int maxInflight;

    @Option(names = "--keep-alive", defaultValue = "PT60S", converter = DurationConverter.class,
            description = "MQTT keep-alive (default: ${DEFAULT-VALUE})")
    Duration keepAlive;

    @Option(names = "--drain-timeout", defaultValue = "PT30S", converter = DurationConverter.class,
            description = "wait this long after sending for outstanding answers (default: ${DEFAULT-VALUE})")
    Duration drainTimeout;

    @Option(names = "--progress", defaultValue = "PT5S", converter = DurationConverter.class,
            description = "progress line interval (default: ${DEFAULT-VALUE})")
    Duration progress;

    @Option(names = "--seed", defaultValue = "1",
            description = "seed of the simulated values (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--pacer-threads", description = "threads that create and publish batches (default: CPU count)")
    Integer pacerThreads;

    @Option(names = "--report", paramLabel = "FILE.json", description = "also write the report as JSON")
    Path reportFile;

    /** Exactly one way of pacing. */
    static final class PaceOption {
        @Option(names = "--interval", converter = DurationConverter.class,
                description = "one message per gateway every INTERVAL, e.g. PT10S or 10s (default: 10s)")
        Duration interval;

        @Option(names = "--rate", paramLabel = "READINGS_PER_S",
                description = "total readings per second, spread evenly over the gateways")
        Double rate;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        FleetOptions options;
        try {
            options = options(Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("fleet: " + e.getMessage());
            return 2;
        }
        out.printf(Locale.ROOT, "fleet: %d gateways -> %s, %d readings/message, one message per %.3f s per gateway,"
                        + " %s%n", options.gateways(), options.target(), options.readingsPerMessage(),
                options.intervalNanos() / 1e9, options.duration());
        out.flush();
        Fleet fleet = Fleet.start(options, p -> {
            out.println(p.toLine());
            out.flush();
        });
        CountDownLatch reported = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> stopAndWait(fleet, reported, options), "fleet-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            FleetReport report = fleet.finished().join();
            out.print(ReportTable.format(report));
            if (reportFile != null) {
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(reportFile.toFile(), report);
                out.println("report written to " + reportFile);
            }
            out.flush();
            return report.everySentBatchAcknowledged() ? 0 : 1;
        } finally {
            reported.countDown();
        }
    }

    /** Ctrl-C: ends the sending phase, and lets the drain and the report finish before the JVM exits. */
    private static void stopAndWait(Fleet fleet, CountDownLatch reported, FleetOptions options) {
        fleet.stop();
        try {
            reported.await(options.drainTimeout().toMillis() + 15_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The options this command line describes; throws {@link IllegalArgumentException} naming a bad option. */
    FleetOptions options(Clock clock) throws java.io.IOException {
        List<GatewayCredentials> credentials;
        if (credentialsFile != null) {
            List<GatewayCredentials> all = GatewayCredentials.read(credentialsFile);
            int count = gateways == null ? all.size() : gateways;
            if (count < 1 || count > all.size()) {
                throw new IllegalArgumentException("--gateways " + count + ": " + credentialsFile + " holds "
                        + all.size() + " gateways");
            }
            credentials = all.subList(0, count);
        } else {
            if (gateways == null || gateways < 1) {
                throw new IllegalArgumentException("--gateways N is required without --credentials");
            }
            credentials = GatewayCredentials.anonymous(prefix, gateways);
        }
        FleetOptions.Builder builder = FleetOptions.builder(target, credentials)
                .sensorsPerGateway(sensors).readingsPerMessage(readingsPerMessage).duration(duration).rampUp(rampUp)
                .firstSeq(parseFirstSeq(firstSeq, clock)).maxInflight(maxInflight).keepAlive(keepAlive)
                .drainTimeout(drainTimeout).progressInterval(progress).seed(seed);
        if (pace != null) {
            builder.pace(pace.rate != null ? Pace.totalRate(pace.rate) : Pace.interval(pace.interval));
        }
        if (pacerThreads != null) {
            builder.pacerThreads(pacerThreads);
        }
        return builder.build();
    }

    /** {@code clock}: epoch seconds × 1,000,000, fresh per run unless a gateway sends a million batches a second. */
    static long parseFirstSeq(String value, Clock clock) {
        if (value.equals("clock")) {
            return clock.instant().getEpochSecond() * 1_000_000L;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--first-seq must be a number or 'clock', was '" + value + "'", e);
        }
    }

    /** ISO-8601 ({@code PT10S}) or short ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}) durations. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher m = SHORT_DURATION.matcher(value.trim());
            if (m.matches()) {
                double amount = Double.parseDouble(m.group(1));
                double millis = switch (m.group(2)) {
                    case "ms" -> amount;
                    case "s" -> amount * 1_000;
                    case "m" -> amount * 60_000;
                    default -> amount * 3_600_000;
                };
                return Duration.ofNanos(Math.round(millis * 1_000_000));
            }
            try {
                return Duration.parse(value.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. PT10S, 10s,"
                        + " 500ms, 2m)");
            }
        }
    }
}
