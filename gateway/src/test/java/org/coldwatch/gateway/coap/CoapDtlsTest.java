package org.coldwatch.gateway.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.coldwatch.gateway.config.CoapNode;
import org.coldwatch.gateway.config.CoapSettings;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CoAP over DTLS 1.2 with pre-shared keys (Scandium on both sides), on 127.0.0.1 and free ports. */
class CoapDtlsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final String TEXT_KEY = "lijiacun-cold-room-11";
    private static final String HEX_KEY = "00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private SqliteOutbox outbox;
    private CaliforniumNodeServer server;

    @BeforeEach
    void start() {
        outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500, CLOCK);
        server = CaliforniumNodeServer.start(CoapSettings.loopback(
                CoapNode.of("node-11").withPsk(TEXT_KEY),
                CoapNode.of("node-12").withPsk("hex:" + HEX_KEY),
                CoapNode.of("node-plain")), new ReadingIntake(outbox), CLOCK);
    }

    @AfterEach
    void stop() {
        server.close();
        outbox.close();
    }

    private CoapResponse post(String identity, byte[] key, String nodeInPack) throws Exception {
        try (CoapTestNode node = CoapTestNode.dtls(server.dtlsAddress().orElseThrow(), identity, key)) {
            return node.postJson("[{\"bn\":\"" + nodeInPack + "/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":-18.5}]");
        }
    }

    private static byte[] text(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNodeWithItsKeyIsAccepted() throws Exception {
        CoapResponse response = post("node-11", text(TEXT_KEY), "node-11");

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(OutboxContents.readings(outbox)).containsExactly(
                Reading.of("node-11", ReadingKind.TEMPERATURE, -18.5, T0));
        assertThat(server.stats().refusedByReason()).isEmpty();
    }

    @Test
    void aHexKeyFromTheConfigIsTheKeyBytes() throws Exception {
        CoapResponse response = post("node-12", HexFormat.of().parseHex(HEX_KEY), "node-12");

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(outbox.depth()).isEqualTo(1);
    }

    @Test
    void aWrongKeyFailsTheHandshakeAndIsCounted() throws Exception {
        assertThatThrownBy(() -> post("node-11", text("guessed-guessed-guessed"), "node-11"))
                .hasMessageContaining("Handshake flight 5 failed");
        assertThat(server.stats().refused(CoapStats.DTLS_RECORDS_DROPPED)).isPositive();
        assertThat(server.stats().refused(CoapStats.DTLS_UNKNOWN_IDENTITY)).isZero();
        assertThat(outbox.depth()).isZero();
    }

    @Test
    void anUnknownIdentityFailsTheHandshakeAndIsCounted() throws Exception {
        assertThatThrownBy(() -> post("node-stranger", text(TEXT_KEY), "node-stranger"))
                .hasMessageContaining("Handshake flight 5 failed");
        // Once per transmission of the node's key exchange: the first and each retransmission.
        assertThat(server.stats().refused(CoapStats.DTLS_UNKNOWN_IDENTITY)).isPositive();
        assertThat(outbox.depth()).isZero();
    }

    @Test
    void aNodePostingAnotherNodesPackIsForbidden() throws Exception {
        CoapResponse response = post("node-11", text(TEXT_KEY), "node-12");

        assertThat(response.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(response.getResponseText()).isEqualTo("identity_mismatch: the pack is from node 'node-12' but came"
                + " under DTLS identity 'node-11'");
        assertThat(server.stats().refused(PackAdmission.IDENTITY_MISMATCH)).isEqualTo(1);
        assertThat(outbox.depth()).isZero();
    }
}
