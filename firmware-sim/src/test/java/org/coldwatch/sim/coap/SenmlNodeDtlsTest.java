package org.coldwatch.sim.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.coap.SendResult.Outcome;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** CoAP over DTLS 1.2 with a pre-shared key whose identity is the node id, against a real Scandium server. */
class SenmlNodeDtlsTest {

    private static final Duration ACK_TIMEOUT = Duration.ofMillis(100);

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    private final SenmlReceiver gateway = SenmlReceiver.dtls(clock, Map.of("node-secure", "lijiacun-secret-1"));
    private SenmlNode node;

    @AfterEach
    void stopEverything() {
        if (node != null) {
            node.close();
        }
        gateway.close();
    }

    private SenmlNode node(String nodeId, String psk) throws Exception {
        node = SenmlNode.create(NodeConfig.of(nodeId).withDtlsPsk(psk).withRetransmission(ACK_TIMEOUT, 2),
                NodeSensors.of(() -> 1.5, () -> 92.0), gateway.uri(), clock);
        return node;
    }

    @Test
    void aNodeWithTheRightKeyIsAcceptedUnderItsOwnIdentity() throws Exception {
        node("node-secure", "lijiacun-secret-1");

        SendResult result = SenmlNodeTest.await(node.sendNow());

        assertThat(result.outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(result.code()).contains(ResponseCode.CHANGED);
        SenmlReceiver.Received received = gateway.packs().get(0);
        assertThat(received.pskIdentity()).isEqualTo("node-secure");
        assertThat(received.report().nodeId()).isEqualTo("node-secure");
        assertThat(received.report().readings(ReadingKind.TEMPERATURE).get(0).value()).isEqualTo(1.5);
        assertThat(node.counts().transmissions()).as("handshake flights cost battery too").isGreaterThan(1);
    }

    @Test
    void aWrongKeyFailsTheHandshakeSoNothingReachesTheGateway() throws Exception {
        node("node-secure", "not-the-secret");

        SendResult result = SenmlNodeTest.await(node.sendNow());

        assertThat(result.outcome()).isEqualTo(Outcome.NO_RESPONSE);
        assertThat(result.diagnostic()).contains("Handshake");
        assertThat(result.code()).isEmpty();
        assertThat(gateway.requests()).isZero();
        assertThat(node.counts()).extracting(NodeCounts::sent, NodeCounts::failed).containsExactly(1L, 1L);
        assertThat(node.backlogRounds()).as("the round is kept for a later attempt").isEqualTo(1);
    }

    @Test
    void anIdentityTheGatewayDoesNotKnowFailsTheHandshake() throws Exception {
        node("node-stranger", "lijiacun-secret-1");

        SendResult result = SenmlNodeTest.await(node.sendNow());

        assertThat(result.outcome()).isEqualTo(Outcome.NO_RESPONSE);
        assertThat(gateway.requests()).isZero();
    }

    @Test
    void refusesAGatewayUriWhoseSchemeDoesNotFitTheKey() {
        NodeSensors sensors = NodeSensors.of(() -> 1.0, () -> 90.0);

        assertThatThrownBy(() -> SenmlNode.create(NodeConfig.of("node-plain"), sensors, gateway.uri(), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must use coap://");
    }
}
