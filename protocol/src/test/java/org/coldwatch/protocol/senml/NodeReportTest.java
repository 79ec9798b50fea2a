package org.coldwatch.protocol.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.senml.SenmlException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ColdWatch name scheme on top of SenML: {@code <nodeId>/<quantity>} with fixed units. */
class NodeReportTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:05:00Z");
    private static final Instant BT = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void turnsTheGoldenPackOfANodeWithAClockIntoReadingsAndHealth() throws Exception {
        NodeReport report = NodeReport.of(Samples.json("node-with-clock.json").resolve(NOW));

        assertThat(report.nodeId()).isEqualTo("node-7");
        assertThat(report.readings()).containsExactly(
                Reading.of("node-7", ReadingKind.TEMPERATURE, 1.8, BT),
                Reading.of("node-7", ReadingKind.HUMIDITY, 91.5, BT),
                Reading.of("node-7", ReadingKind.TEMPERATURE, 1.9, BT.plusSeconds(60)),
                Reading.of("node-7", ReadingKind.HUMIDITY, 91.2, BT.plusSeconds(60)));
        assertThat(report.health()).containsExactly(
                new NodeHealth("node-7", NodeQuantity.BATTERY, 2.97, "V", BT.plusSeconds(60)),
                new NodeHealth("node-7", NodeQuantity.BATTERY_LEVEL, 0.96, "/", BT.plusSeconds(60)));
    }

    @Test
    void datesTheReadingsOfAClocklessNodeFromTheArrivalTime() throws Exception {
        NodeReport report = NodeReport.of(Samples.json("node-without-clock.json").resolve(NOW));

        assertThat(report.readings(ReadingKind.WEIGHT)).containsExactly(
                Reading.of("node-8", ReadingKind.WEIGHT, 4980.25, NOW.minusSeconds(60)));
        assertThat(report.readings(ReadingKind.DOOR)).containsExactly(
                Reading.of("node-8", ReadingKind.DOOR, 1.0, NOW));
        assertThat(report.readings(ReadingKind.TEMPERATURE)).extracting(Reading::measuredAt)
                .containsExactly(NOW.minusSeconds(60), NOW);
        assertThat(report.health()).containsExactly(NodeHealth.of("node-8", NodeQuantity.BATTERY, 2.95, NOW));
    }

    @Test
    void mapsTheUnambiguousSenmlUnitsToReadingKinds() {
        assertThat(SenmlUnits.readingKind("Cel")).contains(ReadingKind.TEMPERATURE);
        assertThat(SenmlUnits.readingKind("%RH")).contains(ReadingKind.HUMIDITY);
        assertThat(SenmlUnits.readingKind("kg")).contains(ReadingKind.WEIGHT);
        assertThat(SenmlUnits.readingKind("V")).isEmpty();
        assertThat(SenmlUnits.readingKind("/")).isEmpty();
        for (NodeQuantity q : NodeQuantity.values()) {
            q.readingKind().filter(k -> k != ReadingKind.DOOR)
                    .ifPresent(kind -> assertThat(kind.unit()).as(q.senmlName()).isEqualTo(q.unit()));
        }
    }

    static Stream<Arguments> packsBreakingTheNameScheme() {
        return Stream.of(
                Arguments.of("[{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1}]", Problem.NAME_SCHEME,
                        "'temperature' at 2026-11-23T08:05:00Z: expected <nodeId>/<quantity>"),
                Arguments.of("[{\"bn\":\"urn:dev:mac:0024befffe804ff1:\",\"n\":\"t\",\"v\":1}]", Problem.NAME_SCHEME,
                        "expected <nodeId>/<quantity>"),
                Arguments.of("[{\"bn\":\"node-7/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1},"
                        + "{\"bn\":\"node-8/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1}]", Problem.MIXED_NODES,
                        "node 'node-8' in a pack of node 'node-7'"),
                Arguments.of("[{\"bn\":\"node-7/\",\"n\":\"pressure\",\"u\":\"Pa\",\"v\":1}]", Problem.UNKNOWN_QUANTITY,
                        "unknown quantity 'pressure' (known: temperature, humidity, weight, door, battery,"
                                + " battery-level)"),
                Arguments.of("[{\"bn\":\"node-7/\",\"n\":\"temperature\",\"u\":\"K\",\"v\":275}]", Problem.UNIT_MISMATCH,
                        "temperature must be in 'Cel', was 'K'"),
                Arguments.of("[{\"bn\":\"node-7/\",\"n\":\"temperature\",\"v\":2}]", Problem.UNIT_MISMATCH,
                        "temperature must be in 'Cel', was ''"),
                Arguments.of("[{\"bn\":\"node-7/\",\"n\":\"door\",\"u\":\"/\",\"vb\":true}]", Problem.UNIT_MISMATCH,
                        "door carries no unit, was '/'"),
                Arguments.of("[{\"bn\":\"node-7/\",\"n\":\"door\",\"v\":1}]", Problem.VALUE_TYPE,
                        "door needs a boolean (vb), found a number (v)"),
                Arguments.of("[{\"bn\":\"node-7/\",\"n\":\"temperature\",\"u\":\"Cel\",\"vs\":\"cold\"}]",
                        Problem.VALUE_TYPE, "temperature needs a number (v), found a string (vs)"),
                Arguments.of("[{\"bn\":\"node-7/\",\"n\":\"temperature\",\"u\":\"Cel\",\"s\":12}]",
                        Problem.VALUE_TYPE, "found only a sum"),
                Arguments.of("[{\"bn\":\"node-7/\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":95}]",
                        Problem.VALUE_OUT_OF_RANGE, "95.0 Cel is outside the plausible range -60.0…80.0 for temperature"),
                Arguments.of("[{\"bn\":\"node-7/\",\"n\":\"battery-level\",\"u\":\"/\",\"v\":96}]",
                        Problem.VALUE_OUT_OF_RANGE, "96.0 / is outside the plausible range 0.0…1.0 for battery-level"),
                Arguments.of("[{\"bn\":\"node-7/\"}]", Problem.RECORD_COUNT, "base fields only"));
    }

    @ParameterizedTest
    @MethodSource("packsBreakingTheNameScheme")
    void refusesPacksThatBreakTheColdWatchContract(String json, Problem problem, String detail) throws Exception {
        SenmlPack pack = SenmlCodec.decode(Samples.utf8(json), SenmlFormat.JSON);

        assertThatThrownBy(() -> NodeReport.of(pack.resolve(NOW)))
                .isInstanceOfSatisfying(SenmlException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.detail()).contains(detail);
                });
    }

    @Test
    void namesTheBaseNameOfANode() {
        assertThat(NodeReport.baseName("node-7")).isEqualTo("node-7/");
    }
}
