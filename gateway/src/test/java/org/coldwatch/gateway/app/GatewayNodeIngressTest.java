package org.coldwatch.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.coldwatch.gateway.config.CoapNode;
import org.coldwatch.gateway.config.CoapSettings;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.coap.NodeConfig;
import org.coldwatch.sim.coap.NodeSensors;
import org.coldwatch.sim.coap.SendResult;
import org.coldwatch.sim.coap.SenmlNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiring: a gateway with {@code coap.enabled} takes a simulated node's pack into its outbox and observers. */
class GatewayNodeIngressTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;

    /** A TCP port nothing listens on: the uplink keeps retrying in the background, which this test does not need. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aGatewayWithCoapEnabledStoresANodesReadingsAndShowsThemToObservers() throws Exception {
        GatewayConfig config = GatewayConfig.builder("gw-1", "secret")
                .serverUri("tcp://127.0.0.1:" + closedPort()).outboxPath(dir.resolve("outbox.db"))
                .coap(CoapSettings.loopback(CoapNode.of("node-40").withSensor("humidity", "room-4.rh"))).build();
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        List<Reading> observed = new CopyOnWriteArrayList<>();

        try (Gateway gateway = Gateway.start(config, List.of(), clock)) {
            gateway.intake().addObserver(observed::addAll);
            int port = gateway.nodeIngress().plainAddress().orElseThrow().getPort();
            try (SenmlNode node = SenmlNode.create(NodeConfig.of("node-40"), NodeSensors.of(() -> 4.0, () -> 85.0),
                    URI.create("coap://127.0.0.1:" + port + "/senml"), clock)) {
                SendResult result = node.sendNow().toCompletableFuture().get(20, TimeUnit.SECONDS);

                assertThat(result.outcome()).as(result.diagnostic()).isEqualTo(SendResult.Outcome.ACKNOWLEDGED);
            }
            assertThat(gateway.outboxDepth()).isEqualTo(2);
            assertThat(gateway.nodeIngress().stats().acceptedPacks()).isEqualTo(1);
        }
        assertThat(observed).containsExactly(
                Reading.of("node-40", ReadingKind.TEMPERATURE, 4.0, T0),
                Reading.of("room-4.rh", ReadingKind.HUMIDITY, 85.0, T0));
    }

    @Test
    void aGatewayWithCoapDisabledListensNowhere() throws Exception {
        GatewayConfig config = GatewayConfig.builder("gw-1", "secret")
                .serverUri("tcp://127.0.0.1:" + closedPort()).outboxPath(dir.resolve("outbox.db")).build();

        try (Gateway gateway = Gateway.start(config, List.of(), Clock.fixed(T0, ZoneOffset.UTC))) {
            assertThat(gateway.nodeIngress().plainAddress()).isEmpty();
            assertThat(gateway.nodeIngress().dtlsAddress()).isEmpty();
        }
    }
}
