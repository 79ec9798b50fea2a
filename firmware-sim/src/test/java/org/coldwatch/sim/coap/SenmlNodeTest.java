package org.coldwatch.sim.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.senml.NodeHealth;
import org.coldwatch.protocol.senml.NodeQuantity;
import org.coldwatch.protocol.senml.SenmlFormat;
import org.coldwatch.protocol.senml.SenmlRecord;
import org.coldwatch.sim.coap.SendResult.Outcome;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** A node against a real Californium receiver on 127.0.0.1: what it sends, and how it settles each answer. */
class SenmlNodeTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    /** Fast CoAP retransmission so that a lost exchange settles in well under a second. */
    private static final Duration ACK_TIMEOUT = Duration.ofMillis(40);

    private final MutableClock clock = MutableClock.of(T0, ZoneOffset.UTC);
    private SenmlReceiver gateway;
    private SenmlNode node;

    @BeforeEach
    void startGateway() {
        gateway = SenmlReceiver.plain(clock);
    }

    @AfterEach
    void stopEverything() {
        if (node != null) {
            node.close();
        }
        gateway.close();
    }

    static SendResult await(CompletionStage<SendResult> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private SenmlNode node(NodeConfig config, NodeSensors sensors) throws Exception {
        node = SenmlNode.create(config.withRetransmission(ACK_TIMEOUT, 4), sensors, gateway.uri(), clock);
        return node;
    }

    private static NodeSensors fixed(double celsius, double humidity) {
        return NodeSensors.of(() -> celsius, () -> humidity);
    }

    @Test
    void aJsonPackArrivesAndDecodesToTheMeasuredValuesUnitsAndTimes() throws Exception {
        node(NodeConfig.of("node-7").withFormat(SenmlFormat.JSON), fixed(1.8, 91.5));

        SendResult result = await(node.sendNow());

        assertThat(result.outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(result.code()).contains(ResponseCode.CHANGED);
        SenmlReceiver.Received received = gateway.packs().get(0);
        assertThat(received.format()).isEqualTo(SenmlFormat.JSON);
        assertThat(received.report().readings()).containsExactly(
                Reading.of("node-7", ReadingKind.TEMPERATURE, 1.8, T0),
                Reading.of("node-7", ReadingKind.HUMIDITY, 91.5, T0));
        assertThat(received.report().health()).containsExactly(
                new NodeHealth("node-7", NodeQuantity.BATTERY, 3.0, "V", T0),
                new NodeHealth("node-7", NodeQuantity.BATTERY_LEVEL, 1.0, "/", T0));
        assertThat(received.pack().records().get(0).baseName()).isEqualTo("node-7/");
        assertThat(received.pack().records().get(0).baseTime()).isEqualTo(1795420800.0);
        // One pack sent and acknowledged; a busy machine may make CoAP retransmit it (same message, deduplicated),
        // which is correct behaviour, so transmissions is at least one rather than exactly one.
        NodeCounts counts = node.counts();
        assertThat(counts).isEqualTo(new NodeCounts(1, 1, 0, 0, counts.transmissions()));
        assertThat(counts.transmissions()).isGreaterThanOrEqualTo(1);
        assertThat(gateway.packs()).hasSize(1);
    }

    @Test
    void aCborPackWithWeightArrivesWithTheSameMeaning() throws Exception {
        node(NodeConfig.of("node-scale").withFormat(SenmlFormat.CBOR), fixed(-0.5, 88.0).withWeight(() -> 4980.25));

        SendResult result = await(node.sendNow());

        assertThat(result.outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        SenmlReceiver.Received received = gateway.packs().get(0);
        assertThat(received.format()).isEqualTo(SenmlFormat.CBOR);
        assertThat(received.report().readings()).containsExactly(
                Reading.of("node-scale", ReadingKind.TEMPERATURE, -0.5, T0),
                Reading.of("node-scale", ReadingKind.HUMIDITY, 88.0, T0),
                Reading.of("node-scale", ReadingKind.WEIGHT, 4980.25, T0));
    }

    @Test
    void aClocklessNodeKeepsRoundsWhileOfflineAndSendsTheirAgesWhichTheGatewayDatesOnArrival() throws Exception {
        double[] celsius = {2.0};
        NodeFaults faults = NodeFaults.none().withoutClock().withOfflineWindow(T0, T0.plusSeconds(300));
        node(NodeConfig.of("node-noclock").withFormat(SenmlFormat.JSON).withFaults(faults),
                NodeSensors.of(() -> celsius[0], () -> 90.0));

        SendResult offline = await(node.sendNow());
        clock.add(Duration.ofSeconds(300));
        celsius[0] = 2.5;
        SendResult delivered = await(node.sendNow());

        assertThat(offline.outcome()).isEqualTo(Outcome.OFFLINE);
        assertThat(delivered.outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        SenmlReceiver.Received received = gateway.packs().get(0);
        assertThat(received.pack().records()).allSatisfy(r -> assertThat(r.baseTime()).isNull());
        assertThat(received.pack().records()).extracting(SenmlRecord::time).containsExactly(-300.0, -300.0, null,
                null, null, null);
        assertThat(received.report().readings(ReadingKind.TEMPERATURE)).containsExactly(
                Reading.of("node-noclock", ReadingKind.TEMPERATURE, 2.0, T0),
                Reading.of("node-noclock", ReadingKind.TEMPERATURE, 2.5, T0.plusSeconds(300)));
        assertThat(node.backlogRounds()).isZero();
    }

    @Test
    void aRefusalIsSeenByTheNodeWithTheGatewaysDiagnosticAndCounted() throws Exception {
        node(NodeConfig.of("node-hot"), fixed(95.0, 50.0));

        SendResult result = await(node.sendNow());

        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.code()).contains(ResponseCode.BAD_REQUEST);
        assertThat(result.diagnostic()).isEqualTo("value_out_of_range: 'node-hot/temperature' at " + T0
                + ": 95.0 Cel is outside the plausible range -60.0…80.0 for temperature");
        assertThat(node.counts()).isEqualTo(new NodeCounts(1, 0, 1, 0, 1));
        assertThat(node.backlogRounds()).as("a refused pack is not resent").isZero();
        assertThat(gateway.packs()).isEmpty();
    }

    @Test
    void aPostNobodyAcknowledgesIsRetransmittedMaxRetransmitTimesThenItsRoundsWaitInTheBacklog() throws Exception {
        node(NodeConfig.of("node-deaf").withFaults(NodeFaults.none().withDropout(1.0)), fixed(1.0, 90.0));

        SendResult result = await(node.sendNow());

        assertThat(result.outcome()).isEqualTo(Outcome.NO_RESPONSE);
        assertThat(result.diagnostic()).contains("retransmissions exhausted");
        assertThat(node.counts()).isEqualTo(new NodeCounts(1, 0, 0, 1, 1 + 4));
        assertThat(node.backlogRounds()).isEqualTo(1);
        assertThat(gateway.requests()).isZero();
    }

    @Test
    void aLossyRadioStillDeliversEveryPackExactlyOnceThroughRetransmission() throws Exception {
        node = SenmlNode.create(NodeConfig.of("node-lossy").withFaults(NodeFaults.none().withDropout(0.25)
                .withSeed(42)).withRetransmission(ACK_TIMEOUT, 10), fixed(1.0, 90.0), gateway.uri(), clock);

        for (int i = 0; i < 8; i++) {
            assertThat(await(node.sendNow()).outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
            clock.add(Duration.ofMinutes(1));
        }

        assertThat(node.lostDatagrams()).isPositive();
        assertThat(node.counts().transmissions()).isGreaterThan(8);
        assertThat(gateway.packs()).hasSize(8);
        assertThat(gateway.packs()).extracting(p -> p.report().readings().get(0).measuredAt()).doesNotHaveDuplicates();
    }

    @Test
    void roundsMeasuredWhileAPackIsInFlightGoOutWithTheNextPack() throws Exception {
        node(NodeConfig.of("node-busy").withFormat(SenmlFormat.JSON), fixed(1.0, 90.0));
        gateway.holdAnswers();

        CompletionStage<SendResult> first = node.sendNow();
        Awaitility.await().until(() -> gateway.heldCount() == 1);
        clock.add(Duration.ofMinutes(1));
        SendResult queued = await(node.sendNow());
        gateway.releaseHeld();
        SendResult firstResult = await(first);
        clock.add(Duration.ofMinutes(1));
        SendResult next = await(node.sendNow());

        assertThat(queued.outcome()).isEqualTo(Outcome.QUEUED);
        assertThat(firstResult.outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(next.outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(gateway.packs().get(1).report().readings(ReadingKind.TEMPERATURE)).extracting(Reading::measuredAt)
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(120));
    }

    @Test
    void aFullBacklogDropsItsOldestRounds() throws Exception {
        NodeFaults offline = NodeFaults.none().withOfflineWindow(T0, T0.plus(Duration.ofHours(1)));
        node(NodeConfig.of("node-small").withFaults(offline).withMaxBacklogRounds(2), fixed(1.0, 90.0));

        for (int i = 0; i < 3; i++) {
            assertThat(await(node.sendNow()).outcome()).isEqualTo(Outcome.OFFLINE);
            clock.add(Duration.ofMinutes(1));
        }

        assertThat(node.backlogRounds()).isEqualTo(2);
        assertThat(node.droppedRounds()).isEqualTo(1);
        assertThat(node.counts().transmissions()).isZero();
    }

    @Test
    void aLongBacklogGoesOutOldestFirstInPacksThatFitOneCoapPayload() throws Exception {
        NodeFaults offline = NodeFaults.none().withOfflineWindow(T0, T0.plus(Duration.ofMinutes(30)));
        node(NodeConfig.of("node-backlog").withFormat(SenmlFormat.JSON).withFaults(offline).withMaxBacklogRounds(40)
                .withReportInterval(Duration.ofMinutes(1)), fixed(1.0, 90.0).withWeight(() -> 100.0));
        for (int i = 0; i < 30; i++) {
            await(node.sendNow());
            clock.add(Duration.ofMinutes(1));
        }

        SendResult result = await(node.sendNow());

        assertThat(result.outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(node.backlogRounds()).as("the rest waits for the next wake-up").isPositive();
        SenmlReceiver.Received received = gateway.packs().get(0);
        assertThat(received.report().readings(ReadingKind.WEIGHT).get(0).measuredAt()).isEqualTo(T0);
        assertThat(received.report().readings()).hasSize(3 * (31 - node.backlogRounds()));
    }

    @Test
    void theBatterySagsWithEveryTransmissionUntilTheNodeBrownsOutAndStops() throws Exception {
        node(NodeConfig.of("node-weak").withBattery(BatteryModel.of(3.0, 2.9, 0.04)), fixed(1.0, 90.0));

        for (int i = 0; i < 3; i++) {
            assertThat(await(node.sendNow()).outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        }
        SendResult dead = await(node.sendNow());

        assertThat(dead.outcome()).isEqualTo(Outcome.BROWNED_OUT);
        assertThat(node.isBrownedOut()).isTrue();
        assertThat(await(node.sendNow()).outcome()).isEqualTo(Outcome.BROWNED_OUT);
        assertThat(gateway.packs()).extracting(p -> p.report().health().get(0).value())
                .containsExactly(3.0, 2.96, 2.92);
        assertThat(node.batteryVolts()).isLessThan(2.9);
    }

    @Test
    void reportsOnItsClockNotOnEveryTick() throws Exception {
        node(NodeConfig.of("node-tick").withReportInterval(Duration.ofMinutes(1)), fixed(1.0, 90.0));

        assertThat(node.tick()).as("the first tick reports").isPresent().get()
                .satisfies(stage -> assertThat(await(stage).outcome()).isEqualTo(Outcome.ACKNOWLEDGED));
        clock.add(Duration.ofSeconds(59));
        assertThat(node.tick()).isEmpty();
        clock.add(Duration.ofSeconds(1));
        assertThat(node.tick()).isPresent().get()
                .satisfies(stage -> assertThat(await(stage).outcome()).isEqualTo(Outcome.ACKNOWLEDGED));

        assertThat(gateway.packs()).hasSize(2);
    }
}
