package org.coldwatch.gateway.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.coldwatch.sim.coap.LibcoapClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interop with clients that are not ours: Debian's libcoap ({@code libcoap3-bin}) {@code coap-client-notls} and,
 * for DTLS with a pre-shared key, {@code coap-client-openssl}, post SenML files to the gateway's server on
 * 127.0.0.1 and free ports; the readings are then read back from the SQLite outbox, as the uplink would send them.
 */
class LibcoapNodeIT {
    private static final Logger LOG = LoggerFactory.getLogger(LibcoapNodeIT.class);
    private static final String CLIENT = "coap-client-notls";
    private static final String DTLS_CLIENT = "coap-client-openssl";
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final String KEY = "lijiacun-cold-room-21";

    @TempDir
    Path dir;

    private SqliteOutbox outbox;
    private CaliforniumNodeServer server;

    @BeforeAll
    static void clientsAreInstalled() throws Exception {
        for (String client : List.of(CLIENT, DTLS_CLIENT)) {
            Process which = new ProcessBuilder("sh", "-c", "command -v " + client).start();
            assertThat(which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0)
                    .as(client + " is missing: apt-get install -y libcoap3-bin").isTrue();
        }
    }

    @BeforeEach
    void start() {
        outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "gw-1", 500, CLOCK);
        server = CaliforniumNodeServer.start(CoapSettings.loopback(
                CoapNode.of("node-20").withSensor("temperature", "room-2.air"),
                CoapNode.of("node-21").withPsk(KEY)), new ReadingIntake(outbox), CLOCK);
    }

    @AfterEach
    void stop() {
        server.close();
        outbox.close();
    }

    private String plainUri() {
        return "coap://127.0.0.1:" + server.plainAddress().orElseThrow().getPort() + "/senml";
    }

    private String dtlsUri() {
        return "coaps://127.0.0.1:" + server.dtlsAddress().orElseThrow().getPort() + "/senml";
    }

    /** Runs a libcoap client POSTing {@code payload}; returns its output (the code and payload of an error answer). */
    private static String run(String client, String uri, Path payload, int contentFormat, String... options)
            throws IOException, InterruptedException {
        return LibcoapClient.post(client, uri, payload, contentFormat, List.of(options));
    }

    @Test
    void aJsonFilePostedByLibcoapLandsInTheOutboxWithItsTimes() throws Exception {
        Path pack = Files.writeString(dir.resolve("node-20.senml"), """
                [
                  {"bn":"node-20/","bt":1795420740,"n":"temperature","u":"Cel","v":0.7},
                  {"n":"humidity","u":"%RH","v":93.4},
                  {"n":"door","vb":true,"t":30},
                  {"n":"battery","u":"V","v":3.02,"t":30}
                ]
                """);

        String output = run(CLIENT, plainUri(), pack, SenmlFormat.JSON.contentFormat(), "-B", "10");

        assertThat(OutboxContents.readings(outbox)).as(output).containsExactly(
                Reading.of("room-2.air", ReadingKind.TEMPERATURE, 0.7, T0.minusSeconds(60)),
                Reading.of("node-20", ReadingKind.HUMIDITY, 93.4, T0.minusSeconds(60)),
                Reading.of("node-20", ReadingKind.DOOR, 1.0, T0.minusSeconds(30)));
        assertThat(output).doesNotContain("4.").doesNotContain("5.");
    }

    @Test
    void aCborFileWithRelativeTimesLandsInTheOutbox() throws Exception {
        SenmlPack pack = SenmlPack.of(
                SenmlRecord.numeric("temperature", -1.25, "Cel").withBaseName("node-20/").withTime(-120),
                SenmlRecord.numeric("weight", 4980.25, "kg").withTime(-120));
        Path file = Files.write(dir.resolve("node-20.senmlc"), SenmlCodec.encode(pack, SenmlFormat.CBOR));

        run(CLIENT, plainUri(), file, SenmlFormat.CBOR.contentFormat(), "-B", "10");

        assertThat(OutboxContents.readings(outbox)).containsExactly(
                Reading.of("room-2.air", ReadingKind.TEMPERATURE, -1.25, T0.minusSeconds(120)),
                Reading.of("node-20", ReadingKind.WEIGHT, 4980.25, T0.minusSeconds(120)));
    }

    @Test
    void libcoapSeesTheRefusalsWithTheirDiagnostics() throws Exception {
        Path stranger = Files.writeString(dir.resolve("stranger.senml"),
                "[{\"bn\":\"node-99/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.0}]");
        Path broken = Files.writeString(dir.resolve("broken.senml"),
                "[{\"bn\":\"node-20/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.0,\"vs\":\"cold\"}]");
        Path keyed = Files.writeString(dir.resolve("keyed.senml"),
                "[{\"bn\":\"node-21/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.0}]");

        String unknown = run(CLIENT, plainUri(), stranger, 110, "-B", "10");
        String bad = run(CLIENT, plainUri(), broken, 110, "-B", "10");
        String unsupported = run(CLIENT, plainUri(), broken, 50, "-B", "10");
        String withoutDtls = run(CLIENT, plainUri(), keyed, 110, "-B", "10");

        assertThat(unknown).startsWith("4.03 unknown_node: node 'node-99' is not configured");
        assertThat(bad).startsWith("4.00 value_count: [0]: both v and vs");
        assertThat(unsupported).startsWith("4.15 unsupported_content_format: Content-Format 50");
        assertThat(withoutDtls).startsWith("4.01 dtls_required: node 'node-21'");
        assertThat(outbox.depth()).isZero();
        assertThat(server.stats().refusedTotal()).isEqualTo(4);
    }

    @Test
    void libcoapOverDtlsWithTheNodeIdAsIdentityIsStoredAndAWrongKeyIsNot() throws Exception {
        Path pack = Files.writeString(dir.resolve("node-21.senml"),
                "[{\"bn\":\"node-21/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":-18.5,\"t\":-5}]");

        String accepted = run(DTLS_CLIENT, dtlsUri(), pack, 110, "-u", "node-21", "-k", KEY, "-B", "10");
        String wrongKey = run(DTLS_CLIENT, dtlsUri(), pack, 110, "-u", "node-21", "-k", "guessed-guessed-guessed",
                "-B", "3");

        assertThat(OutboxContents.readings(outbox)).as(accepted + wrongKey).containsExactly(
                Reading.of("node-21", ReadingKind.TEMPERATURE, -18.5, T0.minusSeconds(5)));
        assertThat(server.stats().acceptedPacks()).isEqualTo(1);
        assertThat(server.stats().refused(CoapStats.DTLS_RECORDS_DROPPED)).isPositive();
    }
}
