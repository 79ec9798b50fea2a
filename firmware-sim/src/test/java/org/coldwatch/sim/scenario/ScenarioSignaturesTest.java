package org.coldwatch.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;

/**
 * Every built-in scenario runs at full speed and shows the signature it is named for (the {@code signature} text of
 * its file).
 */
class ScenarioSignaturesTest {
    static final String APPLES = "apples-2026-09-28";

    /** A finished run: the samples, one a minute, and the simulation at its end. */
    record Run(Simulation sim, List<Sample> samples) {
        List<Sample> between(Duration from, Duration to) {
            Instant start = sim.scenario().start();
            return samples.stream().filter(s -> !s.at().isBefore(start.plus(from)) && s.at().isBefore(start.plus(to)))
                    .toList();
        }

        Sample at(Duration offset) {
            return between(offset, offset.plusMinutes(1)).get(0);
        }
    }

    static Run run(String name) {
        Simulation sim = new Simulation(ScenarioLoader.builtIn(name));
        List<Sample> samples = new ArrayList<>();
        sim.runToEnd(Duration.ofMinutes(1), s -> samples.add(Sample.of(s)));
        return new Run(sim, samples);
    }

    static double max(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return samples.stream().mapToDouble(value).max().orElseThrow();
    }

    static double min(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return samples.stream().mapToDouble(value).min().orElseThrow();
    }

    static double share(List<Sample> samples, Predicate<Sample> condition) {
        return samples.stream().filter(condition).count() / (double) samples.size();
    }

    static double percentile(List<Sample> samples, ToDoubleFunction<Sample> value, double p) {
        double[] sorted = samples.stream().mapToDouble(value).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    static Duration h(long hours) {
        return Duration.ofHours(hours);
    }

    @Test
    void normalWeekHoldsTemperatureAndHumidityAndCycles() {
        Run run = run("normal-week");
        List<Sample> all = run.samples();
        assertThat(percentile(all, Sample::airCelsius, 0.05)).isGreaterThan(-1);
        assertThat(percentile(all, Sample::airCelsius, 0.95)).isLessThan(4);
        assertThat(percentile(all, Sample::relativeHumidityPercent, 0.05)).isGreaterThan(85);
        double starts = run.sim().room().unit().starts() / 7.0;
        double duty = run.sim().room().unit().compressorRunSeconds() / (7 * 86_400.0);
        assertThat(starts).isBetween(10.0, 99.0);
        assertThat(duty).isBetween(0.1, 0.7);
    }

    @Test
    void compressorFailureIsCalledButNeverCoolsAndTheRoomWarms() {
        Run run = run("compressor-failure");
        Duration failure = h(34);
        List<Sample> after = run.between(failure, run.sim().scenario().duration());
        assertThat(after).noneMatch(Sample::compressorCooling);
        assertThat(after).anyMatch(Sample::compressorCalled);
        double before = run.between(failure.minus(h(24)), failure).stream().mapToDouble(Sample::airCelsius)
                .average().orElseThrow();
        assertThat(run.at(failure.plus(h(24))).airCelsius()).isGreaterThan(before + 3);
        Sample end = run.samples().get(run.samples().size() - 1);
        assertThat(end.airCelsius()).isGreaterThan(run.at(failure.plus(h(24))).airCelsius());
        assertThat(end.airCelsius() - end.lotCelsius().get(APPLES)).isBetween(0.5, 4.0);
    }

    @Test
    void doorLeftOpenWarmsTheDoorZoneAndTheRoomThenRecovers() {
        Run run = run("door-left-open");
        List<Sample> open = run.between(h(37), h(40));
        assertThat(open).allMatch(Sample::doorOpen);
        assertThat(max(open, Sample::doorZoneCelsius)).isGreaterThan(8);
        assertThat(max(open, Sample::airCelsius)).isGreaterThan(4);
        assertThat(share(open.subList(5, open.size()), Sample::compressorCooling)).isGreaterThan(0.95);
        assertThat(run.between(h(40), h(46))).anyMatch(s -> s.airCelsius() < 2);
        assertThat(run.sim().channel("door", ReadingKind.DOOR).truth(run.sim().room())).isZero();
    }

    @Test
    void powerCutStopsTheUnitWhileTheGatewayKeepsReporting() {
        Run run = run("power-cut");
        List<Sample> cut = run.between(h(44), h(56));
        assertThat(cut).noneMatch(s -> s.compressorCalled() || s.humidifierOn() || s.heaterOn() || s.powered());
        assertThat(cut).allMatch(Sample::gatewayPowered);
        assertThat(max(cut, Sample::airCelsius) - cut.get(0).airCelsius()).isGreaterThan(1.5);
        assertThat(run.between(h(56), h(62))).anyMatch(Sample::compressorCooling)
                .anyMatch(s -> s.airCelsius() < 2);
    }

    @Test
    void stuckDefrostHeaterKeepsTheCompressorRunningWhileTheRoomWarms() {
        Run run = run("defrost-heater-stuck");
        List<Sample> after = run.between(h(29), h(53));
        assertThat(after).allMatch(Sample::heaterOn);
        assertThat(share(after, Sample::compressorCooling)).isGreaterThan(0.9);
        assertThat(run.at(h(53)).airCelsius() - run.at(h(28)).airCelsius()).isGreaterThan(2);
    }

    @Test
    void humidifierFailureDriesTheAirAndShrinkClimbs() {
        Run failed = run("humidifier-failure");
        Run normal = run("normal-week");
        List<Sample> after = failed.between(h(25), h(168));
        assertThat(after).noneMatch(Sample::humidifierOn);
        assertThat(min(after, Sample::relativeHumidityPercent)).isLessThan(80);
        assertThat(lossKg(failed, h(72), h(167))).isGreaterThan(1.3 * lossKg(normal, h(72), h(167)));
    }

    /**
     * Weight the lot lost as water between two times: re-runs the scenario to both times and reads the lot's
     * transpiration counter, so shipments and discards do not blur it.
     */
    static double lossKg(Run run, Duration from, Duration to) {
        Simulation sim = new Simulation(run.sim().scenario());
        sim.advanceTo(sim.scenario().start().plus(from));
        double before = sim.room().lot(APPLES).transpiredKg();
        sim.advanceTo(sim.scenario().start().plus(to));
        return sim.room().lot(APPLES).transpiredKg() - before;
    }

    @Test
    void warmProduceOverloadsTheUnit() {
        Run run = run("warm-produce-overload");
        List<Sample> after = run.between(h(34), h(96));
        int longestRunMinutes = 0;
        int current = 0;
        for (Sample s : after) {
            current = s.compressorCooling() || s.heaterOn() ? current + 1 : 0;
            longestRunMinutes = Math.max(longestRunMinutes, current);
        }
        assertThat(longestRunMinutes).isGreaterThan(12 * 60);
        assertThat(share(run.between(h(34), h(46)), s -> s.airCelsius() > 4)).isGreaterThan(0.5);
        assertThat(run.at(h(58)).lotCelsius().get("apples-2026-10-06")).isGreaterThan(5);
    }

    @Test
    void driftingProbeWandersAwayFromTheTruthAndFromTheReferenceNode() {
        Simulation sim = new Simulation(ScenarioLoader.builtIn("drifting-probe"));
        sim.advanceTo(sim.scenario().end().minus(Duration.ofMinutes(1)));
        double truthStart = 0.5;
        double truth = sim.room().airCelsius();
        double drifting = sim.channel("air-return", ReadingKind.TEMPERATURE).read(sim.now()).orElseThrow();
        double reference = sim.channel("node-middle", ReadingKind.TEMPERATURE).read(sim.now()).orElseThrow();
        assertThat(drifting - truth).isGreaterThan(1.2);
        assertThat(drifting - reference).isGreaterThan(1.2);
        assertThat(Math.abs(reference - truth)).isLessThan(0.3);
        assertThat(Math.abs(truth - truthStart)).isLessThan(2.0);
    }

    @Test
    void networkOutageLastsSevenDaysWhileTheSensorsKeepReporting() {
        Simulation sim = new Simulation(ScenarioLoader.builtIn("network-outage-7d"));
        List<Instant> down = new ArrayList<>();
        int[] readingsUp = {0};
        int[] readingsDown = {0};
        sim.runToEnd(Duration.ofMinutes(1), s -> {
            int n = s.read().size();
            if (s.networkUp()) {
                readingsUp[0] += n;
            } else {
                readingsDown[0] += n;
                down.add(s.now());
            }
        });
        assertThat(Duration.between(down.get(0), down.get(down.size() - 1)).plusMinutes(1))
                .isEqualTo(Duration.ofDays(7));
        // 2 days up, 7 down: the same readings per minute either way
        assertThat(readingsDown[0] / 7.0).isCloseTo(readingsUp[0] / 2.0,
                org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void mobileStoreFollowsTheRouteAndWorksHarderInTheMiddayHeat() {
        Run run = run("mobile-road-trip");
        assertThat(run.at(h(4)).outsideCelsius()).isEqualTo(36);
        assertThat(run.at(h(14)).outsideCelsius()).isEqualTo(24);
        double middayDuty = share(run.between(h(3), h(8)), Sample::compressorCooling);
        double nightDuty = share(run.between(h(17), h(22)), Sample::compressorCooling);
        assertThat(middayDuty).isGreaterThan(nightDuty + 0.05);
        List<Sample> onTheRoad = new ArrayList<>(run.between(h(0), h(8)));
        onTheRoad.addAll(run.between(h(11), h(22)));
        assertThat(percentile(onTheRoad, Sample::airCelsius, 0.95)).isLessThan(5);
        assertThat(max(run.samples(), Sample::doorZoneCelsius)).isGreaterThan(8);
    }
}
