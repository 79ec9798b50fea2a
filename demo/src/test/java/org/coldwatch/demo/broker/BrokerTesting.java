package org.coldwatch.demo.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.coldwatch.demo.FleetTallies;
import org.coldwatch.protocol.testing.MosquittoBroker;
import org.coldwatch.server.testing.ServerProcess;
import org.coldwatch.sim.fleet.FleetOptions;
import org.coldwatch.sim.fleet.FleetReport;
import org.coldwatch.sim.fleet.GatewayCredentials;
import org.coldwatch.sim.fleet.Pace;

/** What the external-broker ITs share: the broker's settings, the server's settings, the fleet, the tally check. */
final class BrokerTesting {
    static final int READINGS_PER_MESSAGE = 10;

    /** The queue and in-flight settings of deploy/broker/mosquitto.conf that matter for loss. */
    static final List<String> BROKER_CONFIG = List.of("max_queued_messages 10000000", "max_queued_bytes 0",
            "max_inflight_messages 1000", "set_tcp_nodelay true");

    private BrokerTesting() {
    }

    static MosquittoBroker startBroker() throws IOException {
        return MosquittoBroker.start(null, BROKER_CONFIG);
    }

    /** A server in broker mode with the given client id, plus further settings. */
    static ServerProcess startServer(Path dir, MosquittoBroker broker, String clientId, String... more)
            throws IOException {
        List<String> settings = new ArrayList<>(List.of("ingest.source=broker", "broker.url=" + broker.uri(),
                "broker.clientId=" + clientId, "broker.group=county"));
        settings.addAll(List.of(more));
        return ServerProcess.start(dir, settings.toArray(String[]::new));
    }

    /**
     * The registered gateways as anonymous fleet members: the broker lets anyone in (the tests' broker), the
     * server knows them by id (from the topic).
     */
    static List<GatewayCredentials> anonymous(Path credentialsFile) throws IOException {
        return GatewayCredentials.read(credentialsFile).stream()
                .map(c -> new GatewayCredentials(c.gatewayId(), null)).toList();
    }

    static FleetOptions fleet(MosquittoBroker broker, List<GatewayCredentials> gateways, Duration duration) {
        return FleetOptions.builder(broker.uri(), gateways)
                .sensorsPerGateway(5)
                .readingsPerMessage(READINGS_PER_MESSAGE)
                .pace(Pace.interval(Duration.ofMillis(200)))
                .duration(duration)
                .rampUp(Duration.ofSeconds(1))
                .maxInflight(100)
                .drainTimeout(Duration.ofSeconds(60))
                .progressInterval(Duration.ofSeconds(2))
                // Mosquitto 2.0.11 forgets shared subscriptions when it restarts (persistent sessions and their queues
                // survive, the $share subscriptions do not): until the servers have subscribed again it answers
                // PUBACK 0x10 "no matching subscribers" and drops the message. A gateway behind a broker must keep
                // such a batch and send it again (deploy/README.md, "Scale-out with an external broker").
                .resendUnrouted(true)
                .build();
    }

    /** The fleet's own account: every batch it sent was acknowledged by the broker, nothing refused or left. */
    static void assertBrokerAcknowledgedEverything(FleetReport report) {
        assertThat(report.batches().sent()).isPositive();
        assertThat(report.batches().acked()).isEqualTo(report.batches().sent());
        assertThat(report.batches().unackedAtEnd()).isZero();
        assertThat(report.batches().refused()).isZero();
    }

    /**
     * Waits until the server holds, gateway by gateway, exactly what the broker acknowledged to the fleet: seqs
     * 1 … last, each batch once, no gaps, every reading.
     */
    static void awaitStoredExactlyOnce(ServerProcess server, FleetReport report) throws Exception {
        for (FleetReport.GatewayResult gateway : report.perGateway()) {
            try {
                await(gateway.gatewayId() + " stored").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .until(() -> tally(server, gateway.gatewayId()).getLong("batches") >= gateway.batchesAcked());
            } catch (ConditionTimeoutException e) {
                String log = server.log();
                throw new AssertionError(gateway + " not stored: tally " + tally(server, gateway.gatewayId())
                        + "; server log ends:\n" + log.substring(Math.max(0, log.length() - 6_000)), e);
            }
            FleetTallies.assertTallyMatches(gateway, tally(server, gateway.gatewayId()));
        }
    }

    static JsonObject tally(ServerProcess server, String gatewayId) throws Exception {
        return new JsonObject(server.get("/api/gateways/" + gatewayId + "/tally"));
    }

    static double brokerMetric(ServerProcess server, String event) throws Exception {
        return server.metric("coldwatch_broker_messages_total{event=\"" + event + "\"}");
    }
}
