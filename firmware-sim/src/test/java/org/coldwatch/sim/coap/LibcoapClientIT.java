package org.coldwatch.sim.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.senml.NodeHealth;
import org.coldwatch.protocol.senml.NodeQuantity;
import org.coldwatch.protocol.senml.SenmlCodec;
import org.coldwatch.protocol.senml.SenmlFormat;
import org.coldwatch.protocol.senml.SenmlPack;
import org.coldwatch.protocol.senml.SenmlRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.threeten.extra.MutableClock;

/**
 * The SenML contract with a client that is not ours: Debian's libcoap {@code coap-client-notls} (package
 * {@code libcoap3-bin}, installed by {@code ./coldwatch test}) posts hand-written packs to a Californium receiver that
 * decodes them with the protocol module, on 127.0.0.1 and a free port.
 */
class LibcoapClientIT {
    private static final Logger LOG = LoggerFactory.getLogger(LibcoapClientIT.class);
    private static final String CLIENT = "coap-client-notls";
    /** The same client built with OpenSSL, for DTLS with a pre-shared key. */
    private static final String DTLS_CLIENT = "coap-client-openssl";
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.of(T0, ZoneOffset.UTC);
    private final SenmlReceiver gateway = SenmlReceiver.plain(clock);

    @BeforeAll
    static void clientsAreInstalled() throws Exception {
        for (String client : List.of(CLIENT, DTLS_CLIENT)) {
            Process which = new ProcessBuilder("sh", "-c", "command -v " + client).start();
            assertThat(which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0)
                    .as(client + " is missing: apt-get install -y libcoap3-bin (./coldwatch test does this)").isTrue();
        }
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    /** Runs coap-client-notls against the plain receiver; returns its combined output. */
    private String post(Path payload, int contentFormat) throws IOException, InterruptedException {
        return run(CLIENT, gateway.uri().toString(), payload, contentFormat, List.of("-B", "10"));
    }

    private static String run(String client, String uri, Path payload, int contentFormat, List<String> options)
            throws IOException, InterruptedException {
        return LibcoapClient.post(client, uri, payload, contentFormat, options);
    }

    @Test
    void aHandWrittenSenmlJsonFilePostedByLibcoapIsAcceptedAndDecoded() throws Exception {
        Path pack = Files.writeString(dir.resolve("node-9.senml"), """
                [
                  {"bn":"node-9/","bt":1795420800,"n":"temperature","u":"Cel","v":0.7},
                  {"n":"humidity","u":"%RH","v":93.4},
                  {"n":"door","vb":false,"t":30},
                  {"n":"battery","u":"V","v":3.02,"t":30}
                ]
                """);

        String output = post(pack, SenmlFormat.JSON.contentFormat());

        assertThat(gateway.packs()).as(output).hasSize(1);
        SenmlReceiver.Received received = gateway.packs().get(0);
        assertThat(received.format()).isEqualTo(SenmlFormat.JSON);
        assertThat(received.report().readings()).containsExactly(
                Reading.of("node-9", ReadingKind.TEMPERATURE, 0.7, T0),
                Reading.of("node-9", ReadingKind.HUMIDITY, 93.4, T0),
                Reading.of("node-9", ReadingKind.DOOR, 0.0, T0.plusSeconds(30)));
        assertThat(received.report().health()).containsExactly(
                NodeHealth.of("node-9", NodeQuantity.BATTERY, 3.02, T0.plusSeconds(30)));
        assertThat(output).doesNotContain("4.00");
    }

    @Test
    void aCborPackFromLibcoapIsAcceptedToo() throws Exception {
        SenmlPack pack = SenmlPack.of(
                SenmlRecord.numeric("temperature", -1.25, "Cel").withBaseName("node-10/").withTime(-120),
                SenmlRecord.numeric("humidity", 95.0, "%RH").withTime(-120));
        Path file = Files.write(dir.resolve("node-10.senmlc"), SenmlCodec.encode(pack, SenmlFormat.CBOR));

        String output = post(file, SenmlFormat.CBOR.contentFormat());

        assertThat(gateway.packs()).as(output).hasSize(1);
        assertThat(gateway.packs().get(0).report().readings()).containsExactly(
                Reading.of("node-10", ReadingKind.TEMPERATURE, -1.25, T0.minusSeconds(120)),
                Reading.of("node-10", ReadingKind.HUMIDITY, 95.0, T0.minusSeconds(120)));
    }

    @Test
    void libcoapSeesBadRequestWithTheDiagnosticForABrokenPack() throws Exception {
        Path pack = Files.writeString(dir.resolve("broken.senml"), """
                [{"bn":"node-9/","n":"temperature","u":"Cel","v":1.0,"vs":"cold"}]
                """);

        String output = post(pack, SenmlFormat.JSON.contentFormat());

        assertThat(gateway.packs()).isEmpty();
        assertThat(gateway.refusals()).containsExactly("value_count: [0]: both v and vs; a record carries exactly one"
                + " of v, vs, vb, vd (RFC 8428 section 4.2)");
        assertThat(output).startsWith("4.00 value_count: [0]: both v and vs");
    }

    @Test
    void libcoapSeesUnsupportedContentFormatForPlainJson() throws Exception {
        Path pack = Files.writeString(dir.resolve("plain.json"), "[{\"n\":\"node-9/temperature\",\"u\":\"Cel\",\"v\":1}]");

        String output = post(pack, 50);

        assertThat(gateway.packs()).isEmpty();
        assertThat(output).startsWith("4.15 unsupported_content_format: Content-Format 50 is not SenML");
    }

    @Test
    void libcoapOverDtlsWithTheNodeIdAsPskIdentityIsAcceptedAndAWrongKeyIsNot() throws Exception {
        Path pack = Files.writeString(dir.resolve("node-11.senml"),
                "[{\"bn\":\"node-11/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1.5}]");
        try (SenmlReceiver secure = SenmlReceiver.dtls(clock, Map.of("node-11", "lijiacun-secret-11"))) {
            String uri = secure.uri().toString();

            String accepted = run(DTLS_CLIENT, uri, pack, 110, List.of("-u", "node-11", "-k", "lijiacun-secret-11",
                    "-B", "10"));
            String wrongKey = run(DTLS_CLIENT, uri, pack, 110, List.of("-u", "node-11", "-k", "guessed", "-B", "3"));

            assertThat(secure.packs()).as(accepted).singleElement().satisfies(received -> {
                assertThat(received.pskIdentity()).isEqualTo("node-11");
                assertThat(received.report().readings()).containsExactly(
                        Reading.of("node-11", ReadingKind.TEMPERATURE, 1.5, T0));
            });
            assertThat(secure.requests()).as(wrongKey).isEqualTo(1);
        }
    }
}
