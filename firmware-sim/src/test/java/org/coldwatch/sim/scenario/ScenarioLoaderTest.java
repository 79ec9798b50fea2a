package org.coldwatch.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.coldwatch.protocol.Reading;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

    @Test
    void everyBuiltInScenarioLoadsWithATitleADescriptionAndASignature() {
        List<String> names = ScenarioLoader.builtInNames();
        assertThat(names).hasSize(10).contains("normal-week", "humidifier-failure", "mobile-road-trip");
        for (String name : names) {
            Scenario scenario = ScenarioLoader.builtIn(name);
            assertThat(scenario.title()).as(name).isNotBlank().isNotEqualTo(name);
            assertThat(scenario.description()).as(name).isNotBlank();
            assertThat(scenario.signature()).as(name).isNotBlank();
            assertThat(scenario.sensors()).as(name).isNotEmpty();
        }
    }

    @Test
    void sameSeedGivesTheSameReadingsAndAnotherSeedOthers() {
        Scenario scenario = ScenarioLoader.builtIn("normal-week");
        assertThat(readings(scenario)).isEqualTo(readings(scenario));
        assertThat(readings(scenario.withSeed(99))).isNotEqualTo(readings(scenario));
    }

    private static List<Reading> readings(Scenario scenario) {
        Simulation sim = new Simulation(scenario);
        List<Reading> all = new ArrayList<>();
        sim.run(scenario.start().plus(Duration.ofHours(12)), Duration.ofMinutes(10), s -> all.addAll(s.read()));
        return all;
    }

    @Test
    void unknownKeysAreNamedInTheError() {
        assertThatThrownBy(() -> parse("duration: P1D\nroom: {lenghtM: 5}\n"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("lenghtM");
        assertThatThrownBy(() -> parse("durration: P1D\n"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("durration");
    }

    @Test
    void eventsMustNameKnownTypesSensorsAndCommodities() {
        assertThatThrownBy(() -> parse("events:\n  - {at: PT1H, type: earthquake}\n"))
                .hasMessageContaining("earthquake");
        assertThatThrownBy(() -> parse("events:\n  - {at: PT1H, type: sensor-stuck, sensor: ghost}\n"))
                .hasMessageContaining("ghost");
        assertThatThrownBy(() -> parse("lots:\n  - {id: l1, commodity: durian, massKg: 10}\n"))
                .hasMessageContaining("durian");
    }

    @Test
    void aScenarioFileFromDiskRunsLikeABuiltInOne() {
        Scenario scenario = parse("""
                title: tiny
                duration: PT2H
                lots: [{id: l1, commodity: potato, massKg: 500}]
                sensors:
                  - {id: air, type: sht3x}
                  - {id: scale, type: hx711, lots: [l1], tareKg: 50}
                """);
        Simulation sim = new Simulation(scenario);
        sim.advanceTo(scenario.end());
        assertThat(sim.read()).extracting(Reading::sensorId).containsExactly("air", "air", "scale");
    }

    @Test
    void liveSimulationFollowsTheWallClockAtItsSpeed() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T02:00:00Z"));
        Clock wall = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        LiveSimulation live = new LiveSimulation(ScenarioLoader.builtIn("door-left-open"), now.get(), 60, wall);
        now.set(now.get().plusSeconds(60));
        assertThat(live.read()).allSatisfy(r -> assertThat(r.measuredAt()).isEqualTo("2026-11-23T03:00:00Z"));
        // 37 h into the scenario the door is open (event at P1DT13H for 3 h): 36 min of wall time later
        now.set(now.get().plusSeconds(36 * 60));
        assertThat(live.sample().doorOpen()).isTrue();
    }

    private static Scenario parse(String yaml) {
        return ScenarioLoader.parse("test", yaml.getBytes(StandardCharsets.UTF_8));
    }
}
