package org.coldwatch.server.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.fleet.SqliteFleetRegistry;
import org.coldwatch.server.fleet.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The server's command line: {@code run}, {@code add-store}, {@code add-gateway}. */
@Command(name = "coldwatch-server", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "ColdWatch server: MQTT ingest, storage, HTTP API and live page.",
        subcommands = {ServerMain.Run.class, ServerMain.AddStore.class, ServerMain.AddGateway.class})
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

    static FleetRegistry openFleet(ServerConfig config) throws Exception {
        java.nio.file.Files.createDirectories(config.dataDir());
        return SqliteFleetRegistry.open(config.dataDir().resolve("fleet.db"), Clock.systemUTC());
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
