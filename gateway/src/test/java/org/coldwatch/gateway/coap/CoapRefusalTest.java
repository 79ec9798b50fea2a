package org.coldwatch.gateway.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.coldwatch.gateway.config.CoapNode;
import org.coldwatch.gateway.config.CoapSettings;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.senml.SenmlFormat;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal over real UDP: the code, the diagnostic payload, the counter by reason, and an outbox that holds
 * nothing of the refused pack.
 */
class CoapRefusalTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final String GOOD = "[{\"bn\":\"node-7/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.5}]";

    @TempDir
    Path dir;

    private FailingOutbox outbox;
    private CaliforniumNodeServer server;
    private CoapTestNode node;

    @BeforeEach
    void start() {
        outbox = new FailingOutbox(SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500, CLOCK));
        CoapSettings settings = CoapSettings.loopback(CoapNode.of("node-7"),
                CoapNode.of("node-keyed").withPsk("keyed-node-secret-01")).withMaxPayloadBytes(512);
        server = CaliforniumNodeServer.start(settings, new ReadingIntake(outbox), CLOCK);
        node = CoapTestNode.plain(server.plainAddress().orElseThrow());
    }

    @AfterEach
    void stop() {
        node.close();
        server.close();
        outbox.close();
    }

    private void assertRefused(CoapResponse response, ResponseCode code, String reason, String diagnosticStart) {
        assertThat(response.getCode()).as(response.getResponseText()).isEqualTo(code);
        assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.TEXT_PLAIN);
        assertThat(response.getResponseText()).startsWith(diagnosticStart);
        assertThat(server.stats().refusedByReason()).isEqualTo(Map.of(reason, 1L));
        assertThat(server.stats().acceptedPacks()).isZero();
        assertThat(outbox.depth()).isZero();
    }

    @Test
    void malformedJsonIsBadRequestWithTheParserMessage() throws Exception {
        CoapResponse response = node.postJson("[{\"bn\":\"node-7/\",\"n\":\"temperature\",\"v\":");

        assertRefused(response, ResponseCode.BAD_REQUEST, "malformed", "malformed: ");
    }

    @Test
    void nanInCborIsBadRequest() throws Exception {
        // [{-2: "node-7/", 0: "temperature", 1: "Cel", 2: NaN (half float)}]
        byte[] cbor = HexFormat.of().parseHex("81a421676e6f64652d372f006b74656d706572617475726501634365" + "6c02f97e00");

        CoapResponse response = node.post(cbor, SenmlFormat.CBOR.contentFormat());

        assertRefused(response, ResponseCode.BAD_REQUEST, "non_finite_number",
                "non_finite_number: [0].v: NaN is not a finite number");
    }

    @Test
    void anUnknownMandatoryFieldIsBadRequest() throws Exception {
        CoapResponse response = node.postJson(
                "[{\"bn\":\"node-7/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.5,\"crc_\":7}]");

        assertRefused(response, ResponseCode.BAD_REQUEST, "unknown_mandatory_field", "unknown_mandatory_field: [0].crc_");
    }

    @Test
    void anUnknownQuantityIsBadRequestNamingTheKnownOnes() throws Exception {
        CoapResponse response = node.postJson("[{\"bn\":\"node-7/\",\"n\":\"co2\",\"u\":\"ppm\",\"v\":800}]");

        assertRefused(response, ResponseCode.BAD_REQUEST, "unknown_quantity", "unknown_quantity: 'node-7/co2'");
        assertThat(response.getResponseText()).contains("temperature, humidity");
    }

    @Test
    void anUnknownNodeIsForbidden() throws Exception {
        CoapResponse response = node.postJson(GOOD.replace("node-7", "node-stranger"));

        assertRefused(response, ResponseCode.FORBIDDEN, "unknown_node",
                "unknown_node: node 'node-stranger' is not configured on this gateway");
    }

    @Test
    void aNodeWithAKeyPostingWithoutDtlsIsUnauthorized() throws Exception {
        CoapResponse response = node.postJson(GOOD.replace("node-7", "node-keyed"));

        assertRefused(response, ResponseCode.UNAUTHORIZED, "dtls_required",
                "dtls_required: node 'node-keyed' has a pre-shared key and must post over coaps");
    }

    @Test
    void anOversizedPackIsTooLargeWithTheLimitInSize1() throws Exception {
        String oversized = GOOD + " ".repeat(513 - GOOD.length());

        CoapResponse response = node.postJson(oversized);

        assertRefused(response, ResponseCode.REQUEST_ENTITY_TOO_LARGE, "pack_too_large",
                "pack_too_large: pack is 513 bytes; the limit is 512");
        assertThat(response.getOptions().getSize1()).isEqualTo(512);
    }

    @Test
    void plainJsonIsAnUnsupportedContentFormat() throws Exception {
        CoapResponse response = node.post(GOOD.getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.APPLICATION_JSON);

        assertRefused(response, ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "unsupported_content_format",
                "unsupported_content_format: Content-Format 50 is not SenML");
    }

    @Test
    void aPackWithoutContentFormatIsUnsupported() throws Exception {
        CoapResponse response = node.post(GOOD.getBytes(StandardCharsets.UTF_8), -1);

        assertRefused(response, ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "unsupported_content_format",
                "unsupported_content_format: Content-Format -1 is not SenML");
    }

    @Test
    void aTimeFarAheadOfTheGatewayClockIsServiceUnavailableSoTheNodeRetries() throws Exception {
        // 2026-11-23T09:00:00Z: an hour ahead of the gateway clock, e.g. a gateway that booted with a stale clock.
        CoapResponse response = node.postJson(
                "[{\"bn\":\"node-7/\",\"bt\":1795424400,\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.5}]");

        assertRefused(response, ResponseCode.SERVICE_UNAVAILABLE, "time_ahead",
                "time_ahead: measurement time 2026-11-23T09:00:00Z is more than 5 minutes ahead");
        assertThat(response.getOptions().getMaxAge()).isEqualTo(10);
    }

    @Test
    void aTimeOlderThan180DaysIsBadRequest() throws Exception {
        // 2026-01-01T00:00:00Z: 326 days before the gateway clock.
        CoapResponse response = node.postJson(
                "[{\"bn\":\"node-7/\",\"bt\":1767225600,\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.5}]");

        assertRefused(response, ResponseCode.BAD_REQUEST, "time_too_old",
                "time_too_old: measurement time 2026-01-01T00:00:00Z is more than 180 days behind");
    }

    @Test
    void anOutboxThatCannotStoreIsServiceUnavailableAndTheRetryIsStored() throws Exception {
        outbox.failAppends = true;

        CoapResponse refused = node.postJson(GOOD);

        assertRefused(refused, ResponseCode.SERVICE_UNAVAILABLE, "outbox_unavailable",
                "outbox_unavailable: the gateway cannot store readings right now; retry in 10 s");
        assertThat(refused.getOptions().getMaxAge()).isEqualTo(10);

        outbox.failAppends = false;
        CoapResponse retried = node.postJson(GOOD);

        assertThat(retried.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(OutboxContents.readings(outbox)).containsExactly(
                Reading.of("node-7", ReadingKind.TEMPERATURE, 1.5, T0));
    }
}
