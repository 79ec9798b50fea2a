package org.coldwatch.protocol.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Base-field resolution (RFC 8428 section 4.6), checked against the RFC's own examples. */
class SenmlPackTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    /** The resolved sample holds the RFC's records one per line: pretty-printed, it would exceed one CoAP payload. */
    @Test
    void resolvingTheMultipleMeasurementsOfSection513GivesTheResolvedRecordsOfSection514() throws Exception {
        List<ResolvedRecord> resolved = Samples.json("rfc8428-5.1.3-multiple-measurements.json").resolve(NOW);

        assertThat(resolved).isEqualTo(Samples.json("rfc8428-5.1.4-resolved.json").resolve(NOW));
        assertThat(resolved.get(9)).isEqualTo(ResolvedRecord.of("urn:dev:ow:10e2073a01080063", "%EL",
                Instant.parse("2011-10-31T13:26:54Z"), new SenmlValue.Numeric(98)));
    }

    @Test
    void appliesBaseNameBaseTimeBaseUnitAndVersionToTheCurrentHistoryOfSection512() throws Exception {
        List<ResolvedRecord> resolved = Samples.json("rfc8428-5.1.2-current-history.json").resolve(NOW);

        // In chronological order: the five older currents first, then voltage and the last current at base time.
        assertThat(resolved).extracting(ResolvedRecord::name).containsExactly(
                "urn:dev:ow:10e2073a0108006:current", "urn:dev:ow:10e2073a0108006:current",
                "urn:dev:ow:10e2073a0108006:current", "urn:dev:ow:10e2073a0108006:current",
                "urn:dev:ow:10e2073a0108006:current", "urn:dev:ow:10e2073a0108006:voltage",
                "urn:dev:ow:10e2073a0108006:current");
        assertThat(resolved.get(0).time()).isEqualTo(Instant.parse("2010-06-08T18:01:11.001Z"));
        assertThat(resolved.get(0).unit()).isEqualTo("A");
        assertThat(resolved.get(5).time()).isEqualTo(Instant.parse("2010-06-08T18:01:16.001Z"));
        assertThat(resolved.get(5).unit()).isEqualTo("V");
        assertThat(resolved).allSatisfy(r -> assertThat(r.version()).isEqualTo(5));
    }

    @Test
    void takesTimesBelow2To28RelativeToNow() throws Exception {
        List<ResolvedRecord> resolved = Samples.json("node-without-clock.json").resolve(NOW);

        assertThat(resolved.get(0).time()).isEqualTo(NOW.minusSeconds(60));
        assertThat(resolved.get(resolved.size() - 1).time()).isEqualTo(NOW);
        assertThat(Samples.json("rfc8428-5.1.2-multiple-data-points.json").resolve(NOW))
                .allSatisfy(r -> assertThat(r.time()).isEqualTo(NOW));
    }

    @Test
    void keepsABaseNameUntilTheNextOneAndABaseTimeForTheWholePackAsInSection516() throws Exception {
        List<ResolvedRecord> resolved = Samples.json("rfc8428-5.1.6-collection-of-resources.json").resolve(NOW);

        assertThat(resolved).extracting(ResolvedRecord::name).containsExactly("2001:db8::2/temperature",
                "2001:db8::2/humidity", "2001:db8::1/temperature", "2001:db8::1/humidity");
        assertThat(resolved).allSatisfy(r -> assertThat(r.time()).isEqualTo(Instant.parse("2011-10-31T16:27:09Z")));
    }

    @Test
    void aRecordWithOnlyBaseFieldsResolvesToNothingAsInSection517() throws Exception {
        List<ResolvedRecord> resolved = Samples.json("rfc8428-5.1.7-thermostat.json").resolve(NOW);

        assertThat(resolved).extracting(ResolvedRecord::name).containsExactly("urn:dev:ow:10e2073a01080063:temp",
                "urn:dev:ow:10e2073a01080063:heat", "urn:dev:ow:10e2073a01080063:fan");
    }

    @Test
    void resolvesFractionalSecondsToTheMicrosecond() throws Exception {
        List<ResolvedRecord> resolved = Samples.json("rfc8428-5.1.7-lights-dimmed-then-off.json").resolve(NOW);

        assertThat(resolved.get(3).time()).isEqualTo(Instant.parse("2011-10-31T16:27:09.100Z"));
        assertThat(resolved.get(3).unit()).isEqualTo("/");
    }

    @Test
    void addsTheBaseValueToNumbersAndTheBaseSumToSums() {
        SenmlPack pack = SenmlPack.of(
                SenmlRecord.numeric("a", 0.5, "W").withBaseName("m/").withBaseValue(100).withBaseSum(1000),
                SenmlRecord.empty().withName("b").withSum(20).withUpdateTime(1.5),
                SenmlRecord.text("c", "unchanged"));

        List<ResolvedRecord> resolved = pack.resolve(NOW);

        assertThat(resolved.get(0).value()).contains(new SenmlValue.Numeric(100.5));
        assertThat(resolved.get(0).sum()).isEqualTo(OptionalDouble.of(1000));
        assertThat(resolved.get(1).value()).isEmpty();
        assertThat(resolved.get(1).sum()).isEqualTo(OptionalDouble.of(1020));
        assertThat(resolved.get(1).updateTime()).isEqualTo(Optional.of(Duration.ofMillis(1500)));
        assertThat(resolved.get(2).value()).contains(new SenmlValue.Text("unchanged"));
        assertThat(resolved.get(2).number()).isEmpty();
    }

    @Test
    void refusesToConstructAnInvalidPack() {
        assertThatThrownBy(() -> SenmlPack.of(SenmlRecord.numeric("bad name", 1, "Cel")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid_name: [0]: name 'bad name'")
                .hasCauseInstanceOf(SenmlException.class);
        assertThatThrownBy(() -> SenmlPack.of(List.of())).hasMessageContaining("at least one record");
        assertThatThrownBy(() -> SenmlRecord.numeric("a", Double.NaN, "Cel"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convertsBetweenInstantsAndSenmlTimes() {
        Instant t = Instant.parse("2026-11-23T08:00:00.123456Z");

        double seconds = SenmlTimes.epochSeconds(t);

        assertThat(SenmlTimes.isRelative(seconds)).isFalse();
        assertThat(SenmlTimes.resolve(seconds, NOW)).isEqualTo(t);
        assertThat(SenmlTimes.isRelative(SenmlTimes.RELATIVE_LIMIT - 1)).isTrue();
        assertThat(SenmlTimes.resolve(SenmlTimes.RELATIVE_LIMIT, NOW)).isEqualTo(Instant.parse("1978-07-04T21:24:16Z"));
    }
}
