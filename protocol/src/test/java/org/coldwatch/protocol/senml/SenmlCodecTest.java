package org.coldwatch.protocol.senml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SenmlCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void decodesTheSingleDataPointOfRfc8428Section511() throws Exception {
        SenmlPack pack = Samples.json("rfc8428-5.1.1-single-data-point.json");

        assertThat(pack.records()).containsExactly(
                SenmlRecord.numeric("urn:dev:ow:10e2073a01080063", 23.1, "Cel"));
        assertThat(pack.resolve(NOW)).containsExactly(
                ResolvedRecord.of("urn:dev:ow:10e2073a01080063", "Cel", NOW, new SenmlValue.Numeric(23.1)));
    }

    @Test
    void decodesEveryFieldOfTheCurrentHistoryOfSection512() throws Exception {
        SenmlPack pack = Samples.json("rfc8428-5.1.2-current-history.json");

        assertThat(pack.records().get(0)).isEqualTo(SenmlRecord.numeric("voltage", 120.1, "V")
                .withBaseName("urn:dev:ow:10e2073a0108006:").withBaseTime(1.276020076001e+09).withBaseUnit("A")
                .withBaseVersion(5));
        assertThat(pack.records().get(1)).isEqualTo(SenmlRecord.of("current", new SenmlValue.Numeric(1.2))
                .withTime(-5));
        assertThat(pack.records()).hasSize(7);
    }

    @Test
    void theCborDumpOfSection6DecodesToTheSameRecordsAsItsJson() throws Exception {
        SenmlPack fromCbor = SenmlCodec.decode(Samples.hex("rfc8428-6-current-history.cbor.hex"), SenmlFormat.CBOR);
        SenmlPack fromJson = Samples.json("rfc8428-5.1.2-current-history.json");

        // The CBOR dump spells out the last record's time 0, which the JSON leaves out; both mean "base time".
        assertThat(fromCbor.records().subList(0, 6)).isEqualTo(fromJson.records().subList(0, 6));
        assertThat(fromCbor.records().get(6)).isEqualTo(fromJson.records().get(6).withTime(0));
        assertThat(fromCbor.resolve(NOW)).isEqualTo(fromJson.resolve(NOW));
    }

    @Test
    void decodesTheFourValueTypesOfSection515() throws Exception {
        List<ResolvedRecord> records = Samples.json("rfc8428-5.1.5-multiple-data-types.json").resolve(NOW);

        assertThat(records).extracting(ResolvedRecord::value).containsExactly(
                Optional.of(new SenmlValue.Numeric(23.1)), Optional.of(new SenmlValue.Text("Machine Room")),
                Optional.of(new SenmlValue.Bool(false)), Optional.of(new SenmlValue.Data("aGkgCg")));
        assertThat(((SenmlValue.Data) records.get(3).value().orElseThrow()).bytes())
                .isEqualTo("hi \n".getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc8428-5.1.1-single-data-point.json", "rfc8428-5.1.2-multiple-data-points.json",
        "rfc8428-5.1.2-current-history.json", "rfc8428-5.1.3-multiple-measurements.json",
        "rfc8428-5.1.4-resolved.json", "rfc8428-5.1.5-multiple-data-types.json",
        "rfc8428-5.1.6-collection-of-resources.json", "rfc8428-5.1.7-thermostat.json",
        "rfc8428-5.1.7-lights-on.json", "rfc8428-5.1.7-lights-dimmed-then-off.json", "node-with-clock.json", "node-without-clock.json"})
    void everySampleSurvivesRoundTripsThroughJsonAndCbor(String name) throws Exception {
        SenmlPack pack = Samples.json(name);

        SenmlPack viaJson = SenmlCodec.decode(SenmlCodec.encode(pack, SenmlFormat.JSON), SenmlFormat.JSON);
        SenmlPack viaCbor = SenmlCodec.decode(SenmlCodec.encode(pack, SenmlFormat.CBOR), SenmlFormat.CBOR);

        assertThat(viaJson).isEqualTo(pack);
        assertThat(viaCbor).isEqualTo(pack);
        assertThat(viaCbor.resolve(NOW)).isEqualTo(pack.resolve(NOW));
    }

    @Test
    void cborIsMoreCompactThanJsonForTheRfcExampleOfSection513() throws Exception {
        SenmlPack pack = Samples.json("rfc8428-5.1.3-multiple-measurements.json");

        int json = SenmlCodec.encode(pack, SenmlFormat.JSON).length;
        int cbor = SenmlCodec.encode(pack, SenmlFormat.CBOR).length;

        // RFC 8428 Table 3 gives 573 bytes (pretty-printed JSON) and 254 bytes (CBOR) for this example.
        assertThat(cbor).isLessThan(json).isLessThanOrEqualTo(254);
    }

    @Test
    void encodesCompactJsonWithIntegersAndALowerCaseExponent() {
        SenmlPack pack = SenmlPack.of(SenmlRecord.numeric("temperature", 1.8, "Cel").withBaseName("node-7/")
                        .withBaseTime(1795420800.0),
                SenmlRecord.numeric("tiny", 1.5e-7, "/").withTime(-60),
                SenmlRecord.bool("door", true).withUpdateTime(300));

        String json = new String(SenmlCodec.encode(pack, SenmlFormat.JSON), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("[{\"bn\":\"node-7/\",\"bt\":1795420800,\"n\":\"temperature\",\"u\":\"Cel\","
                + "\"v\":1.8},{\"n\":\"tiny\",\"u\":\"/\",\"v\":1.5e-7,\"t\":-60},{\"n\":\"door\",\"vb\":true,"
                + "\"ut\":300}]");
    }

    @Test
    void encodesCborWithIntegerLabelsDefiniteLengthsAndTheSmallestExactNumbers() {
        SenmlPack pack = SenmlPack.of(SenmlRecord.numeric("t", 1.5, "Cel").withBaseName("n/").withTime(-5));

        byte[] cbor = SenmlCodec.encode(pack, SenmlFormat.CBOR);

        // [ {-2: "n/", 0: "t", 1: "Cel", 2: 1.5 (float32), 6: -5} ] with array(1) and map(5) heads.
        assertThat(HexFormat.of().formatHex(cbor))
                .isEqualTo("81a5" + "21626e2f" + "006174" + "016343656c" + "02fa3fc00000" + "0624");
    }

    @Test
    void encodesDataValuesAsByteStringsInCborAndBase64UrlInJson() throws Exception {
        SenmlPack pack = SenmlPack.of(SenmlRecord.of("blob", SenmlValue.Data.of(new byte[] {(byte) 0xfb, (byte) 0xff})));

        byte[] cbor = SenmlCodec.encode(pack, SenmlFormat.CBOR);
        String json = new String(SenmlCodec.encode(pack, SenmlFormat.JSON), StandardCharsets.UTF_8);

        assertThat(HexFormat.of().formatHex(cbor)).endsWith("0842fbff");
        assertThat(json).contains("\"vd\":\"-_8\"");
        assertThat(SenmlCodec.decode(cbor, SenmlFormat.CBOR)).isEqualTo(pack);
    }

    @Test
    void acceptsDecimalFractionsAndHalfPrecisionFloatsInCbor() throws Exception {
        // [{0: "x", 2: 4([-2, 27315])}] and [{0: "x", 2: 1.5 as float16}] (RFC 8428 section 6)
        SenmlPack decimal = SenmlCodec.decode(HexFormat.of().parseHex("81a20061780 2c482211 96ab3"
                .replace(" ", "")), SenmlFormat.CBOR);
        SenmlPack half = SenmlCodec.decode(HexFormat.of().parseHex("81a200617802f93e00"), SenmlFormat.CBOR);

        assertThat(decimal.records().get(0).value()).isEqualTo(new SenmlValue.Numeric(273.15));
        assertThat(half.records().get(0).value()).isEqualTo(new SenmlValue.Numeric(1.5));
    }

    @Test
    void ignoresUnknownFieldsWithoutTheMandatoryUnderscore() throws Exception {
        SenmlPack pack = SenmlCodec.decode(Samples.utf8(
                "[{\"n\":\"a\",\"v\":1,\"quality\":{\"x\":[1,2]},\"bx\":3}]"), SenmlFormat.JSON);

        assertThat(pack.records()).containsExactly(SenmlRecord.of("a", new SenmlValue.Numeric(1)));
    }

    @ParameterizedTest
    @EnumSource(SenmlFormat.class)
    void decodesByCoapContentFormat(SenmlFormat format) throws Exception {
        SenmlPack pack = Samples.json("node-with-clock.json");

        assertThat(SenmlCodec.decode(SenmlCodec.encode(pack, format), format.contentFormat())).isEqualTo(pack);
        assertThat(SenmlFormat.ofContentFormat(format.contentFormat())).contains(format);
    }

    @Test
    void knowsTheRegisteredMediaTypesAndContentFormats() {
        assertThat(SenmlFormat.JSON.mediaType()).isEqualTo("application/senml+json");
        assertThat(SenmlFormat.JSON.contentFormat()).isEqualTo(110);
        assertThat(SenmlFormat.CBOR.mediaType()).isEqualTo("application/senml+cbor");
        assertThat(SenmlFormat.CBOR.contentFormat()).isEqualTo(112);
        assertThat(SenmlFormat.ofContentFormat(111)).isEmpty();
    }
}
