package org.coldwatch.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.server.app.ColdWatchServer;
import org.coldwatch.server.app.ServerConfig;
import org.coldwatch.sim.scenario.LiveSimulation;
import org.coldwatch.sim.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The all-in-one demo: the server on embedded defaults plus one real gateway per village store, talking MQTT over
 * loopback, fed by firmware-sim rooms running in real time. Ctrl-C stops the gateways first, then the server.
 */
@Command(name = "coldwatch demo", mixinStandardHelpOptions = true,
        description = "Run the ColdWatch server with simulated gateways for three village cold stores.")
public final class DemoMain implements Callable<Integer> {

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--mqtt-port", defaultValue = "1883", description = "MQTT port (default: ${DEFAULT-VALUE})")
    int mqttPort;

    @Option(names = "--data-dir", defaultValue = ".demo", description = "where the demo keeps its databases")
    Path dataDir;

    @Option(names = "--sampling-millis", defaultValue = "2000", description = "how often each room is read")
    long samplingMillis;

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemUTC();
        ServerConfig config = ServerConfig.load(null, Map.of(), List.of(
                "http.host=127.0.0.1", "http.port=" + httpPort, "mqtt.host=127.0.0.1", "mqtt.port=" + mqttPort,
                "storage.dataDir=" + dataDir.resolve("server")));
        ColdWatchServer server = ColdWatchServer.start(config, clock);
        List<Gateway> gateways = new ArrayList<>();
        StringBuilder credentials = new StringBuilder();
        for (DemoStores.DemoStore demo : DemoStores.ALL) {
            server.fleet().putStore(demo.store());
            String secret = server.fleet().registerGateway(demo.gatewayId(), demo.store().id());
            GatewayConfig gatewayConfig = GatewayConfig.builder(demo.gatewayId(), secret)
                    .serverUri("tcp://127.0.0.1:" + server.mqttPort())
                    .outboxPath(dataDir.resolve(demo.gatewayId()).resolve("outbox.db"))
                    .samplingIntervalMillis(samplingMillis)
                    .build();
            LiveSimulation room = LiveSimulation.realTime(ScenarioLoader.builtIn(demo.scenario()), clock);
            gateways.add(Gateway.start(gatewayConfig, List.of(
                    new SimulatedRoomSource(demo.gatewayId() + "/" + demo.scenario(), room)), clock));
            credentials.append("    ").append(demo.gatewayId()).append("  secret ").append(secret).append('\n');
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the demo gateways and server ...");
            gateways.forEach(Gateway::close);
            server.close();
            stopped.countDown();
        }, "demo-shutdown"));
        System.out.println("""

                ColdWatch demo is running: 3 village cold stores, 3 gateways, MQTT over loopback.
                Rooms: firmware-sim scenarios normal-week, mobile-road-trip, humidifier-failure (real time).

                  Live page:  http://127.0.0.1:%d/          (English: http://127.0.0.1:%d/?lang=en)
                  Log in:     no login yet - the page is open on this machine only (login and roles come later)
                  API:        http://127.0.0.1:%d/api/stores   health: /health   metrics: /metrics
                  MQTT:       tcp://127.0.0.1:%d  - user name = client id = gateway id, password = secret:
                %s
                Press Ctrl-C to stop.
                """.formatted(server.httpPort(), server.httpPort(), server.httpPort(), server.mqttPort(),
                credentials));
        stopped.await();
        return 0;
    }

    /** Entry point. */
    public static void main(String[] args) {
        int exit = new CommandLine(new DemoMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
