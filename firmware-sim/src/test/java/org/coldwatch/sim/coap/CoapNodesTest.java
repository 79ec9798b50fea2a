package org.coldwatch.sim.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.senml.SenmlFormat;
import org.coldwatch.sim.coap.SendResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** A set of nodes against one real Californium receiver on 127.0.0.1. */
class CoapNodesTest {

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    private final SenmlReceiver gateway = SenmlReceiver.plain(clock);
    private final CoapNodes nodes = CoapNodes.against(gateway.uri(), clock);

    @AfterEach
    void stopEverything() {
        nodes.stop();
        gateway.close();
    }

    private static NodeSensors fixed(double celsius) {
        return NodeSensors.of(() -> celsius, () -> 90.0);
    }

    @Test
    void countsSentAcknowledgedRefusedAndFailedPacksOverAllNodes() throws Exception {
        nodes.add(NodeConfig.of("node-1"), fixed(1.0));
        nodes.add(NodeConfig.of("node-2").withFormat(SenmlFormat.JSON), fixed(2.0));
        nodes.add(NodeConfig.of("node-3"), fixed(120.0));
        nodes.add(NodeConfig.of("node-4").withFaults(NodeFaults.none().withDropout(1.0))
                .withRetransmission(Duration.ofMillis(20), 1), fixed(3.0));

        List<SendResult> results = nodes.sendAllNow().toCompletableFuture().get(20, TimeUnit.SECONDS);

        assertThat(results).extracting(SendResult::outcome).containsExactly(Outcome.ACKNOWLEDGED,
                Outcome.ACKNOWLEDGED, Outcome.REFUSED, Outcome.NO_RESPONSE);
        assertThat(nodes.counts()).extracting(NodeCounts::sent, NodeCounts::acknowledged, NodeCounts::refused,
                NodeCounts::failed, NodeCounts::inFlight).containsExactly(4L, 2L, 1L, 1L, 0L);
        assertThat(gateway.packs()).extracting(p -> p.report().nodeId())
                .containsExactlyInAnyOrder("node-1", "node-2");
        assertThat(gateway.refusals()).singleElement().asString().startsWith("value_out_of_range: 'node-3/temperature'");
    }

    @Test
    void drivesEveryNodeOnItsReportIntervalFromTheSharedClock() throws Exception {
        nodes.add(NodeConfig.of("node-a").withReportInterval(Duration.ofMinutes(5)), fixed(1.0));
        nodes.add(NodeConfig.of("node-b").withReportInterval(Duration.ofMinutes(10)), fixed(2.0));

        nodes.start(Duration.ofMillis(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.counts().acknowledged() == 2);
        clock.add(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.counts().acknowledged() == 3);
        clock.add(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.counts().acknowledged() == 5);

        assertThat(gateway.packs()).extracting(p -> p.report().nodeId())
                .containsExactlyInAnyOrder("node-a", "node-b", "node-a", "node-a", "node-b");
        assertThat(nodes.node("node-a").orElseThrow().counts().sent()).isEqualTo(3);
    }

    @Test
    void aNodeThatBrownsOutStopsAloneWhileTheOthersCarryOn() throws Exception {
        nodes.add(NodeConfig.of("node-weak").withBattery(BatteryModel.of(3.0, 2.95, 0.1)), fixed(1.0));
        nodes.add(NodeConfig.of("node-fresh"), fixed(2.0));

        List<SendResult> first = nodes.sendAllNow().toCompletableFuture().get(20, TimeUnit.SECONDS);
        List<SendResult> second = nodes.sendAllNow().toCompletableFuture().get(20, TimeUnit.SECONDS);

        assertThat(first).extracting(SendResult::outcome).containsExactly(Outcome.ACKNOWLEDGED, Outcome.ACKNOWLEDGED);
        assertThat(second).extracting(SendResult::outcome).containsExactly(Outcome.BROWNED_OUT, Outcome.ACKNOWLEDGED);
        assertThat(nodes.node("node-weak").orElseThrow().isBrownedOut()).isTrue();
    }

    @Test
    void refusesTwoNodesWithTheSameId() throws Exception {
        nodes.add(NodeConfig.of("node-1"), fixed(1.0));

        assertThatThrownBy(() -> nodes.add(NodeConfig.of("node-1"), fixed(1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already in the set");
    }
}
