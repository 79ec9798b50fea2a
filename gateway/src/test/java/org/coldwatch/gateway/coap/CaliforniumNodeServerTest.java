package org.coldwatch.gateway.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.coldwatch.gateway.config.CoapNode;
import org.coldwatch.gateway.config.CoapSettings;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.senml.SenmlCodec;
import org.coldwatch.protocol.senml.SenmlFormat;
import org.coldwatch.protocol.senml.SenmlPack;
import org.coldwatch.protocol.senml.SenmlRecord;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real UDP on 127.0.0.1: Californium clients post SenML to the gateway's server, which stores into SQLite. */
class CaliforniumNodeServerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private SqliteOutbox outbox;
    private CaliforniumNodeServer server;
    private CoapTestNode node;

    private void start(CoapSettings settings) {
        outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500, CLOCK);
        server = CaliforniumNodeServer.start(settings, new ReadingIntake(outbox), CLOCK);
        node = CoapTestNode.plain(server.plainAddress().orElseThrow());
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (server != null) {
            server.close();
        }
        if (outbox != null) {
            outbox.close();
        }
    }

    @Test
    void storesAJsonPackInTheOutboxBeforeAnsweringChanged() throws Exception {
        start(CoapSettings.loopback(CoapNode.of("node-7")));

        CoapResponse response = node.postJson("""
                [{"bn":"node-7/","bt":1795420800,"n":"temperature","u":"Cel","v":1.8},
                 {"n":"humidity","u":"%RH","v":91.5},
                 {"n":"temperature","u":"Cel","v":1.9,"t":60},
                 {"n":"battery","u":"V","v":2.97,"t":60}]
                """);

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(OutboxContents.readings(outbox)).containsExactly(
                Reading.of("node-7", ReadingKind.TEMPERATURE, 1.8, T0),
                Reading.of("node-7", ReadingKind.HUMIDITY, 91.5, T0),
                Reading.of("node-7", ReadingKind.TEMPERATURE, 1.9, T0.plusSeconds(60)));
        assertThat(server.stats().acceptedPacks()).isEqualTo(1);
        assertThat(server.stats().acceptedReadings()).isEqualTo(3);
        assertThat(server.stats().node("node-7").orElseThrow().health()).singleElement()
                .satisfies(h -> assertThat(h.value()).isEqualTo(2.97));
    }

    @Test
    void storesACborPackWithRelativeTimesCountedFromArrival() throws Exception {
        start(CoapSettings.loopback(CoapNode.of("node-8")));
        SenmlPack pack = SenmlPack.of(
                SenmlRecord.numeric("temperature", -1.25, "Cel").withBaseName("node-8/").withTime(-120),
                SenmlRecord.bool("door", true));

        CoapResponse response = node.post(SenmlCodec.encode(pack, SenmlFormat.CBOR), SenmlFormat.CBOR.contentFormat());

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(OutboxContents.readings(outbox)).containsExactly(
                Reading.of("node-8", ReadingKind.TEMPERATURE, -1.25, T0.minusSeconds(120)),
                Reading.of("node-8", ReadingKind.DOOR, 1.0, T0));
    }

    @Test
    void mapsQuantitiesToTheConfiguredSensorIds() throws Exception {
        start(CoapSettings.loopback(CoapNode.of("node-9").withSensor("temperature", "room-1.core")));

        CoapResponse response = node.postJson("""
                [{"bn":"node-9/","n":"temperature","u":"Cel","v":3.5},{"n":"humidity","u":"%RH","v":88}]
                """);

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(OutboxContents.readings(outbox)).containsExactly(
                Reading.of("room-1.core", ReadingKind.TEMPERATURE, 3.5, T0),
                Reading.of("node-9", ReadingKind.HUMIDITY, 88.0, T0));
    }

    @Test
    void aPackSentAgainAfterALostAnswerIsStoredOnceAndItsNewRoundIsStored() throws Exception {
        start(CoapSettings.loopback(CoapNode.of("node-7")));
        String first = "[{\"bn\":\"node-7/\",\"bt\":1795420740,\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.8}]";
        String firstAndNext = "[{\"bn\":\"node-7/\",\"bt\":1795420740,\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.8},"
                + "{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.9,\"t\":60}]";

        CoapResponse stored = node.postJson(first);
        CoapResponse resent = node.postJson(firstAndNext);

        assertThat(stored.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(resent.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(OutboxContents.readings(outbox)).containsExactly(
                Reading.of("node-7", ReadingKind.TEMPERATURE, 1.8, T0.minusSeconds(60)),
                Reading.of("node-7", ReadingKind.TEMPERATURE, 1.9, T0));
        assertThat(server.stats().resentReadings()).isEqualTo(1);
    }

    @Test
    void aRetransmittedConfirmableRequestIsAnsweredFromTheCoapLayerAndStoredOnce() throws Exception {
        start(CoapSettings.loopback(CoapNode.of("node-7")));
        byte[] pack = "[{\"bn\":\"node-7/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.5}]"
                .getBytes(StandardCharsets.UTF_8);
        // RFC 7252 section 3: ver 1, CON, no token, POST, Message ID 0x1234; Uri-Path "senml"; Content-Format 110.
        ByteArrayOutputStream datagram = new ByteArrayOutputStream();
        datagram.write(new byte[] {0x40, 0x02, 0x12, 0x34, (byte) 0xB5});
        datagram.write("senml".getBytes(StandardCharsets.US_ASCII));
        datagram.write(new byte[] {0x11, 110, (byte) 0xFF});
        datagram.write(pack);
        byte[] request = datagram.toByteArray();

        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(10_000);
            byte[][] answers = new byte[2][];
            for (int copy = 0; copy < 2; copy++) {
                socket.send(new DatagramPacket(request, request.length, server.plainAddress().orElseThrow()));
                DatagramPacket answer = new DatagramPacket(new byte[256], 256);
                socket.receive(answer);
                answers[copy] = Arrays.copyOf(answer.getData(), answer.getLength());
            }

            for (byte[] answer : answers) {
                // ACK (type 2) carrying 2.04 Changed for Message ID 0x1234.
                assertThat(Arrays.copyOf(answer, 4)).containsExactly(0x60, 0x44, 0x12, 0x34);
            }
        }
        assertThat(outbox.depth()).isEqualTo(1);
        assertThat(server.stats().acceptedPacks()).isEqualTo(1);
        assertThat(server.stats().resentReadings()).as("never reached the resource again").isZero();
    }

    @Test
    void refusesToStartWhenTheDtlsPortIsTakenRatherThanServingHalf() throws Exception {
        outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500, CLOCK);
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CoapSettings settings = new CoapSettings(true, "127.0.0.1", 0, taken.getLocalPort(), 1024,
                    List.of(CoapNode.of("node-1").withPsk("node-one-secret-key")));

            assertThatThrownBy(() -> CaliforniumNodeServer.start(settings, new ReadingIntake(outbox), CLOCK))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("coap: cannot listen on 127.0.0.1: UDP port " + taken.getLocalPort()
                            + " (coap.dtlsPort) cannot be bound");
        }
    }
}
