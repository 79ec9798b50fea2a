package org.coldwatch.protocol.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.coldwatch.protocol.senml.SenmlException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every class of bad input is refused with its problem and a detail that names the record and field. */
class SenmlCodecRejectionTest {

    static Stream<Arguments> badJson() {
        return Stream.of(
                Arguments.of("{\"n\":\"a\",\"v\":1}", Problem.SCHEMA_VIOLATION,
                        "pack: expected an array of records, found a map"),
                Arguments.of("[1]", Problem.SCHEMA_VIOLATION, "[0]: expected a record (a map), found a number"),
                Arguments.of("[]", Problem.RECORD_COUNT, "a pack needs at least one record"),
                Arguments.of("[{\"n\":\"a\",\"v\":1}", Problem.MALFORMED, "malformed JSON: Unexpected end-of-input"),
                Arguments.of("[{\"n\":\"a\",\"n\":\"b\",\"v\":1}]", Problem.MALFORMED, "Duplicate field 'n'"),
                Arguments.of("[{\"n\":\"a\",\"v\":1}][]", Problem.MALFORMED, "unexpected data after the pack"),
                Arguments.of("[{\"n\":\"a\",\"v\":NaN}]", Problem.MALFORMED, "Non-standard token 'NaN'"),
                Arguments.of("[{\"n\":\"a\",\"v\":1e400}]", Problem.NON_FINITE_NUMBER,
                        "[0].v: 1e400 is not a finite number"),
                Arguments.of("[{\"bv\":1.7e308,\"n\":\"a\",\"v\":1.7e308}]", Problem.NON_FINITE_NUMBER,
                        "[0]: bv + v overflows to Infinity"),
                Arguments.of("[{\"n\":\"a\",\"v\":1,\"foo_\":2}]", Problem.UNKNOWN_MANDATORY_FIELD,
                        "[0].foo_: unknown field whose label ends in '_' must be understood (RFC 8428 section 4.4)"),
                Arguments.of("[{\"n\":\"a\",\"v\":1,\"vs\":\"x\"}]", Problem.VALUE_COUNT,
                        "[0]: both v and vs; a record carries exactly one of v, vs, vb, vd"),
                Arguments.of("[{\"n\":\"a\",\"v\":1},{\"n\":\"b\",\"u\":\"Cel\"}]", Problem.VALUE_COUNT,
                        "[1]: no value; a record carries exactly one of v, vs, vb, vd unless it has a sum"),
                Arguments.of("[{\"v\":1}]", Problem.MISSING_NAME, "[0]: no name; give n, or bn"),
                Arguments.of("[{\"n\":\"room 1\",\"v\":1}]", Problem.INVALID_NAME,
                        "[0]: name 'room 1' (bn + n) must consist of A-Z a-z 0-9 - : . / _"),
                Arguments.of("[{\"bn\":\"/x\",\"v\":1}]", Problem.INVALID_NAME, "start with a letter or digit"),
                Arguments.of("[{\"n\":\"temp\\u00b0C\",\"v\":1}]", Problem.INVALID_NAME, "RFC 8428 section 4.5.1"),
                Arguments.of("[{\"n\":1,\"v\":1}]", Problem.SCHEMA_VIOLATION, "[0].n: expected a string, found a number"),
                Arguments.of("[{\"n\":\"a\",\"v\":\"1\"}]", Problem.SCHEMA_VIOLATION,
                        "[0].v: expected a number, found a string"),
                Arguments.of("[{\"n\":\"a\",\"vb\":1}]", Problem.SCHEMA_VIOLATION,
                        "[0].vb: expected a boolean, found a number"),
                Arguments.of("[{\"n\":\"a\",\"v\":null}]", Problem.SCHEMA_VIOLATION, "[0].v: expected a number, found null"),
                Arguments.of("[{\"n\":\"a\",\"vd\":\"aGk=\"}]", Problem.SCHEMA_VIOLATION,
                        "[0].vd: 'aGk=' is not base64url without padding"),
                Arguments.of("[{\"bver\":11,\"n\":\"a\",\"v\":1}]", Problem.UNSUPPORTED_VERSION,
                        "[0].bver: version 11 is newer than SenML version 10"),
                Arguments.of("[{\"n\":\"a\",\"v\":1},{\"bver\":5,\"n\":\"b\",\"v\":2}]", Problem.UNSUPPORTED_VERSION,
                        "[1].bver: 5 differs from the pack's version 10"),
                Arguments.of("[{\"bver\":0,\"n\":\"a\",\"v\":1}]", Problem.SCHEMA_VIOLATION,
                        "[0].bver: 0 is not a positive integer"),
                Arguments.of("[{\"bver\":10.0,\"n\":\"a\",\"v\":1}]", Problem.SCHEMA_VIOLATION,
                        "[0].bver: expected a positive integer, found a number"),
                Arguments.of("[{\"n\":\"a\",\"v\":1,\"ut\":-1}]", Problem.SCHEMA_VIOLATION,
                        "[0].ut: -1.0 s; an update time is a period and cannot be negative"),
                Arguments.of("[{\"n\":\"a\",\"v\":1,\"t\":1e12}]", Problem.TIME_OUT_OF_RANGE,
                        "[0]: time bt + t = 1.0E12 s is outside the accepted range"),
                Arguments.of("[{\"bt\":-2e8,\"n\":\"a\",\"v\":1,\"t\":-1e8}]", Problem.TIME_OUT_OF_RANGE,
                        "[0]: time bt + t = -3.0E8 s"));
    }

    @ParameterizedTest
    @MethodSource("badJson")
    void refusesBadJsonPrecisely(String json, Problem problem, String detail) {
        assertThatThrownBy(() -> SenmlCodec.decode(Samples.utf8(json), SenmlFormat.JSON))
                .isInstanceOfSatisfying(SenmlException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.detail()).contains(detail);
                    assertThat(e.diagnostic()).startsWith(problem.label() + ": ");
                });
    }

    static Stream<Arguments> badCbor() {
        return Stream.of(
                // [{0: "a", 2: NaN (float16)}]
                Arguments.of("81a200616102f97e00", Problem.NON_FINITE_NUMBER, "[0].v: NaN is not a finite number"),
                // [{-3: Infinity (float16), 0: "a", 2: 1}]
                Arguments.of("81a322f97c0000616102 01".replace(" ", ""), Problem.NON_FINITE_NUMBER,
                        "[0].bt: Infinity is not a finite number"),
                // an indefinite-length array is SensML streaming, not SenML: [_ {0: "a", 2: 1}]
                Arguments.of("9fa2006161 0201ff".replace(" ", ""), Problem.MALFORMED,
                        "an indefinite-length array is SensML streaming"),
                // [{0: "a", 0: "b", 2: 1}]
                Arguments.of("81a3006161006162 0201".replace(" ", ""), Problem.MALFORMED, "Duplicate field '0'"),
                // truncated: [{0:
                Arguments.of("81a200", Problem.MALFORMED, "malformed CBOR"),
                // [{"n": "a", 2: 1}]: JSON labels are text, CBOR's are integers
                Arguments.of("81a2616e616102 01".replace(" ", ""), Problem.SCHEMA_VIOLATION,
                        "[0].n: CBOR SenML labels n with the integer 0, not with text"),
                // [{0: "a", 8: "aGk"}]: a data value is a byte string in CBOR
                Arguments.of("81a20061610863614 76b".replace(" ", ""), Problem.SCHEMA_VIOLATION,
                        "[0].vd: expected a byte string, found a string"),
                // [{-1: -1, 0: "a", 2: 1}]: only an unsigned integer for the version
                Arguments.of("81a3202000616102 01".replace(" ", ""), Problem.SCHEMA_VIOLATION,
                        "[0].bver: -1 is not a positive integer"));
    }

    @ParameterizedTest
    @MethodSource("badCbor")
    void refusesBadCborPrecisely(String hex, Problem problem, String detail) {
        assertThatThrownBy(() -> SenmlCodec.decode(HexFormat.of().parseHex(hex), SenmlFormat.CBOR))
                .isInstanceOfSatisfying(SenmlException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.detail()).contains(detail);
                });
    }

    @Test
    void refusesAPackLargerThanOneCoapPayloadBeforeParsingIt() {
        byte[] payload = Samples.utf8("[" + " ".repeat(SenmlLimits.MAX_PACK_BYTES - 1) + "]");

        assertThatThrownBy(() -> SenmlCodec.decode(payload, SenmlFormat.JSON))
                .isInstanceOfSatisfying(SenmlException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.PACK_TOO_LARGE);
                    assertThat(e.detail()).isEqualTo("pack is 1025 bytes; the limit is 1024");
                    assertThat(e.problem().coapCode()).isEqualTo(4 << 5 | 13);
                });
    }

    @Test
    void refusesMoreRecordsThanTheLimit() {
        String records = "{\"bn\":\"a\",\"v\":0}" + ",{\"v\":0}".repeat(SenmlLimits.MAX_RECORDS);

        assertThatThrownBy(() -> SenmlCodec.decode(Samples.utf8("[" + records + "]"), SenmlFormat.JSON))
                .isInstanceOfSatisfying(SenmlException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.RECORD_COUNT);
                    assertThat(e.detail()).isEqualTo("more than 100 records in one pack");
                });
    }

    @Test
    void refusesJsonThatIsNotUtf8() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'};
        byte[] utf16 = {'[', 0, ']', 0};

        assertThatThrownBy(() -> SenmlCodec.decode(bom, SenmlFormat.JSON)).hasMessageContaining("byte-order mark");
        assertThatThrownBy(() -> SenmlCodec.decode(utf16, SenmlFormat.JSON)).hasMessageContaining("not UTF-8");
    }

    @Test
    void refusesAContentFormatThatIsNotSenmlWith415() {
        assertThatThrownBy(() -> SenmlCodec.decode(Samples.utf8("[]"), 50))
                .isInstanceOfSatisfying(SenmlException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_CONTENT_FORMAT);
                    assertThat(e.detail()).isEqualTo("Content-Format 50 is not SenML; send 110"
                            + " (application/senml+json) or 112 (application/senml+cbor)");
                    assertThat(e.problem().coapCode()).isEqualTo(4 << 5 | 15);
                });
    }

    @Test
    void answersEveryOtherProblemWithBadRequest() {
        for (Problem problem : Problem.values()) {
            if (problem != Problem.PACK_TOO_LARGE && problem != Problem.UNSUPPORTED_CONTENT_FORMAT) {
                assertThat(problem.coapCode()).as(problem.label()).isEqualTo(4 << 5);
            }
        }
    }
}
