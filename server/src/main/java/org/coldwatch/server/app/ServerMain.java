package org.coldwatch.server.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.fleet.IssuedCode;
import org.coldwatch.server.fleet.JdbcFleetRegistry;
import org.coldwatch.server.fleet.MetaDatabase;
import org.coldwatch.server.fleet.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The server's command line: {@code run}, {@code add-store}, {@code add-gateway}, {@code add-gateways},
 * {@code issue-code}, {@code set-settings}.
 */
@Command(name = "coldwatch-server", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "ColdWatch server: MQTT ingest, storage, HTTP API and live page.",
        subcommands = {ServerMain.Run.class, ServerMain.AddStore.class, ServerMain.AddGateway.class,
            ServerMain.AddGateways.class, ServerMain.IssueCode.class, SetSettingsCommand.class})
public final class ServerMain {

    /** Options every command shares. */
    static class ConfigOptions {
        @Option(names = "--config", description = "YAML configuration file (see README: Server configuration)")
        Path file;

        @Option(names = "--set", description = "override one key, e.g. --set http.port=8081 (repeatable)")
        List<String> overrides = new ArrayList<>();

        ServerConfig load() {
            return ServerConfig.load(file, System.getenv(), overrides);
        }
    }

    @Command(name = "run", description = "Run the server until stopped (Ctrl-C or SIGTERM).")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions config = new ConfigOptions();

        @Override
        public Integer call() throws Exception {
            ColdWatchServer server = ColdWatchServer.start(config.load(), Clock.systemUTC());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "add-store", description = "Add a cold store, or rename it.")
    static final class AddStore implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions config = new ConfigOptions();

        @Option(names = "--id", required = true, description = "store id, e.g. store-lijiacun")
        String id;

        @Option(names = "--name", required = true, description = "display name, e.g. 李家村果蔬保鲜库")
        String name;

        @Option(names = "--region", defaultValue = "", description = "region path, e.g. 某县/某镇/李家村")
        String region;

        @Override
        public Integer call() throws Exception {
            try (FleetRegistry fleet = openFleet(config.load())) {
                fleet.putStore(new Store(id, name, region));
            }
            System.out.println("store " + id + " saved");
            return 0;
        }
    }

    @Command(name = "add-gateway", description = "Register a gateway in a store and print its new secret once.")
    static final class AddGateway implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions config = new ConfigOptions();

        @Option(names = "--id", required = true, description = "gateway id, e.g. gw-lijiacun-01")
        String id;

        @Option(names = "--store", required = true, description = "the store it is installed in")
        String store;

        @Override
        public Integer call() throws Exception {
            String secret;
            try (FleetRegistry fleet = openFleet(config.load())) {
                secret = fleet.registerGateway(id, store);
            }
            System.out.println("gateway " + id + " registered in " + store);
            System.out.println("secret: " + secret);
            System.out.println("(shown once; the server keeps only its hash)");
            return 0;
        }
    }

    @Command(name = "add-gateways", description = "Register many gateways in a store at once (e.g. for the fleet load"
            + " generator) and write their new secrets to a credentials file, one 'gatewayId,secret' per line.")
    static final class AddGateways implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions config = new ConfigOptions();

        @Option(names = "--store", required = true, description = "the store they are installed in (must exist)")
        String store;

        @Option(names = "--prefix", defaultValue = "fleet-", description = "id prefix (default: ${DEFAULT-VALUE})")
        String prefix;

        @Option(names = "--count", required = true, description = "how many gateways")
        int count;

        @Option(names = "--first", defaultValue = "1", description = "number of the first gateway (default: 1)")
        int first;

        @Option(names = "--out", required = true, description = "credentials file to write (replaced if present)")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (count < 1 || first < 0) {
                throw new IllegalArgumentException("--count must be at least 1 and --first at least 0");
            }
            int width = String.valueOf((long) first + count - 1).length();
            List<String> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(prefix + String.format(Locale.ROOT, "%0" + width + "d", first + i));
            }
            Map<String, String> secrets;
            try (FleetRegistry fleet = openFleet(config.load())) {
                secrets = fleet.registerGateways(ids, store);
            }
            writeOwnerOnly(out, secrets);
            System.out.println(count + " gateways " + ids.get(0) + " … " + ids.get(count - 1) + " registered in "
                    + store + "; credentials written to " + out);
            System.out.println("(keep the file secret: the server keeps only hashes; running this again issues new"
                    + " secrets)");
            return 0;
        }

        private static void writeOwnerOnly(Path file, Map<String, String> secrets) throws IOException {
            StringBuilder text = new StringBuilder("# gatewayId,secret\n");
            secrets.forEach((id, secret) -> text.append(id).append(',').append(secret).append('\n'));
            Files.writeString(file, text, StandardCharsets.UTF_8);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    @Command(name = "issue-code", description = "Issue a one-time provisioning code for a gateway: the technician"
            + " types it into 'coldwatch-gateway provision', which exchanges it for the gateway's credentials.")
    static final class IssueCode implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions config = new ConfigOptions();

        @Option(names = "--gateway", required = true, description = "gateway id, e.g. gw-lijiacun-01")
        String gateway;

        @Option(names = "--store", required = true, description = "the store it is installed in (must exist)")
        String store;

        @Option(names = "--valid-for", defaultValue = "P3D", description = "how long the code works if unused, as an"
                + " ISO-8601 duration (default: ${DEFAULT-VALUE} = 3 days; PT12H = 12 hours)")
        Duration validFor;

        @Option(names = "--mqtt-uri", description = "MQTT address to give the gateway, e.g. ssl://county.example:8883"
                + " (default: the host the gateway reached the HTTP API by, with this server's MQTT port)")
        String mqttUri;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            IssuedCode issued;
            try (FleetRegistry fleet = openFleet(config.load())) {
                issued = fleet.issueProvisioningCode(gateway, store, validFor, Optional.ofNullable(mqttUri));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("provisioning code for " + issued.gatewayId() + " in " + issued.storeId() + ":");
            out.println();
            out.println("    " + issued.code());
            out.println();
            out.println("valid until " + issued.expiresAt() + ", once. On the gateway run:");
            out.println("    sudo coldwatch-gateway provision --server http://THIS-SERVER:PORT --code " + issued.code());
            out.flush();
            return 0;
        }
    }

    static FleetRegistry openFleet(ServerConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        return JdbcFleetRegistry.open(MetaDatabase.of(config.meta()), Clock.systemUTC());
    }

    private ServerMain() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            // Named, not logback.xml, so the server jar does not impose its logging on programs that embed it.
            System.setProperty("logback.configurationFile", "coldwatch-server-logback.xml");
        }
        CommandLine cli = new CommandLine(new ServerMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ServerConfig.ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("coldwatch-server: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }
}
