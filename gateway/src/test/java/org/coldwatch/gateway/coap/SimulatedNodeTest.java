package org.coldwatch.gateway.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.coldwatch.gateway.config.CoapNode;
import org.coldwatch.gateway.config.CoapSettings;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.senml.NodeQuantity;
import org.coldwatch.sim.coap.NodeConfig;
import org.coldwatch.sim.coap.NodeFaults;
import org.coldwatch.sim.coap.NodeSensors;
import org.coldwatch.sim.coap.SendResult.Outcome;
import org.coldwatch.sim.coap.SendResult;
import org.coldwatch.sim.coap.SenmlNode;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;

/** firmware-sim's simulated battery node ({@link SenmlNode}) against the gateway's server, plain and over DTLS. */
class SimulatedNodeTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final String KEY = "lijiacun-cold-room-31";
    /** A random key as docs/coap-nodes.md makes one ({@code openssl rand -hex 16}), in the form both sides read. */
    private static final String HEX_KEY = "hex:9f2c4e1a7b3d5f60718293a4b5c6d7e8";
    private static final Duration ACK_TIMEOUT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.of(T0, ZoneOffset.UTC);
    private FailingOutbox outbox;
    private CaliforniumNodeServer server;
    private SenmlNode node;

    @BeforeEach
    void start() {
        outbox = new FailingOutbox(SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500, clock));
        server = CaliforniumNodeServer.start(CoapSettings.loopback(
                CoapNode.of("node-30"), CoapNode.of("node-31").withPsk(KEY), CoapNode.of("node-32").withPsk(HEX_KEY)),
                new ReadingIntake(outbox), clock);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        server.close();
        outbox.close();
    }

    private SenmlNode node(NodeConfig config) throws Exception {
        String uri = config.psk().isPresent()
                ? "coaps://127.0.0.1:" + server.dtlsAddress().orElseThrow().getPort() + "/senml"
                : "coap://127.0.0.1:" + server.plainAddress().orElseThrow().getPort() + "/senml";
        node = SenmlNode.create(config, NodeSensors.of(() -> 2.5, () -> 91.0), URI.create(uri), clock);
        return node;
    }

    /** A node with short retransmission timeouts, so that a test never waits the RFC's 2 s. */
    private static NodeConfig fast(String nodeId) {
        return NodeConfig.of(nodeId).withRetransmission(ACK_TIMEOUT, 3);
    }

    private static SendResult await(CompletionStage<SendResult> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aCborNodeOverPlainCoapIsStoredWithItsBattery() throws Exception {
        node(fast("node-30"));

        SendResult result = await(node.sendNow());

        assertThat(result.outcome()).as(result.diagnostic()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(OutboxContents.readings(outbox)).containsExactly(
                Reading.of("node-30", ReadingKind.TEMPERATURE, 2.5, T0),
                Reading.of("node-30", ReadingKind.HUMIDITY, 91.0, T0));
        assertThat(server.stats().node("node-30").orElseThrow().health())
                .extracting(h -> h.quantity()).containsExactly(NodeQuantity.BATTERY, NodeQuantity.BATTERY_LEVEL);
    }

    @Test
    void aNodeWithItsKeyOverDtlsIsStored() throws Exception {
        node(fast("node-31").withDtlsPsk(KEY));

        SendResult result = await(node.sendNow());

        assertThat(result.outcome()).as(result.diagnostic()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(OutboxContents.readings(outbox)).extracting(Reading::sensorId).containsOnly("node-31");
        assertThat(outbox.depth()).isEqualTo(2);
    }

    @Test
    void aNodeWithARandomHexKeyOverDtlsIsStored() throws Exception {
        node(fast("node-32").withDtlsPsk(HEX_KEY));

        SendResult result = await(node.sendNow());

        assertThat(result.outcome()).as(result.diagnostic()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(OutboxContents.readings(outbox)).extracting(Reading::sensorId).containsOnly("node-32");
    }

    @Test
    void aClocklessNodeKeepsItsRoundThroughA503AndBothRoundsKeepTheirTimes() throws Exception {
        node(fast("node-30").withFaults(NodeFaults.none().withoutClock()));
        outbox.failAppends = true;

        SendResult refused = await(node.sendNow());

        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.code()).contains(ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(node.backlogRounds()).isEqualTo(1);

        outbox.failAppends = false;
        clock.add(Duration.ofSeconds(60));
        SendResult delivered = await(node.sendNow());

        assertThat(delivered.outcome()).as(delivered.diagnostic()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(OutboxContents.readings(outbox)).containsExactly(
                Reading.of("node-30", ReadingKind.TEMPERATURE, 2.5, T0),
                Reading.of("node-30", ReadingKind.HUMIDITY, 91.0, T0),
                Reading.of("node-30", ReadingKind.TEMPERATURE, 2.5, T0.plusSeconds(60)),
                Reading.of("node-30", ReadingKind.HUMIDITY, 91.0, T0.plusSeconds(60)));
        assertThat(server.stats().refused(CoapStats.OUTBOX_UNAVAILABLE)).isEqualTo(1);
    }

    @Test
    void overALossyRadioEveryRoundArrivesExactlyOnce() throws Exception {
        // Half of all datagrams lost, both ways: lost requests are retransmitted (same Message ID, answered from
        // Californium's cache), exchanges whose every answer was lost are sent again later in a new exchange.
        int rounds = 30;
        node(NodeConfig.of("node-30").withFaults(NodeFaults.none().withDropout(0.5).withSeed(7))
                .withRetransmission(Duration.ofMillis(50), 4).withMaxBacklogRounds(rounds));
        int unanswered = 0;
        for (int round = 0; round < rounds; round++) {
            SendResult result = await(node.sendNow());
            unanswered += result.outcome() == Outcome.NO_RESPONSE ? 1 : 0;
            clock.add(Duration.ofSeconds(60));
        }

        List<Instant> stored = OutboxContents.readings(outbox).stream()
                .filter(r -> r.kind() == ReadingKind.TEMPERATURE).map(Reading::measuredAt).toList();
        assertThat(node.droppedRounds()).isZero();
        assertThat(stored).doesNotHaveDuplicates();
        assertThat(stored).hasSize(rounds - node.backlogRounds());
        for (int round = 0; round < rounds - node.backlogRounds(); round++) {
            assertThat(stored).contains(T0.plusSeconds(60L * round));
        }
        assertThat(unanswered).as("the dice made some exchanges fail entirely").isPositive();
    }
}
