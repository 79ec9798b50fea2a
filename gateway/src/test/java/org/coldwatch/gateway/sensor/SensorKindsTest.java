package org.coldwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coldwatch.gateway.config.ConfigException;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extension point: kinds are found with ServiceLoader, including one this module's tests register. */
class SensorKindsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void findsTheBuiltInKindsAndOneRegisteredFromAnotherJar() {
        assertThat(SensorKinds.load().names())
                .containsExactly("door-contact", "ds18b20", "hx711", "sht3x", "test-constant");
    }

    @Test
    void anExtraKindRunsThroughTheUnchangedPipeline() {
        List<SensorSpec> specs = List.of(SensorSpec.of(0, "modbus-1", "test-constant", Map.of("celsius", 3.5)));
        List<Reading> seen = new CopyOnWriteArrayList<>();
        try (SensorContext ctx = new SensorContext(() -> {
            throw new AssertionError("this kind needs no Pi4J");
        }, CLOCK); SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), "gw-1", 500, CLOCK)) {
            List<SensorSource> sources = SensorKinds.load().create(specs, ctx);
            ReadingIntake intake = new ReadingIntake(outbox);
            intake.addObserver(seen::addAll);
            try (Sampler sampler = new Sampler(sources, intake, CLOCK, Duration.ofSeconds(1))) {
                sampler.sampleOnce();
            }

            assertThat(seen).containsExactly(Reading.of("modbus-1", ReadingKind.TEMPERATURE, 3.5, CLOCK.instant()));
            assertThat(outbox.depth()).isEqualTo(1);
            assertThat(sources.get(0).health().orElseThrow().state()).isEqualTo(SensorState.OK);
        }
    }

    @Test
    void anUnknownKindIsAConfigErrorListingTheKnownOnes() {
        List<SensorSpec> specs = List.of(SensorSpec.of(0, "a", "sht3x", Map.of()),
                SensorSpec.of(1, "b", "modbus-rtu", Map.of()));

        assertThatThrownBy(() -> SensorKinds.load().validate(specs)).isInstanceOf(ConfigException.class)
                .hasMessage("sensors[1].kind: unknown sensor kind 'modbus-rtu' (known: door-contact, ds18b20, hx711,"
                        + " sht3x, test-constant)");
    }

    @Test
    void aKindRefusesParametersItDoesNotKnow() {
        List<SensorSpec> specs = List.of(SensorSpec.of(2, "a", "sht3x", Map.of("adress", 0x44)));

        assertThatThrownBy(() -> SensorKinds.load().validate(specs)).isInstanceOf(ConfigException.class)
                .hasMessage("sensors[2].adress: unknown parameter for kind sht3x (known: address, bus, stuckAfter)");
    }

    @Test
    void twoSensorsCannotShareAPinAnAddressOrAProbe() {
        List<SensorSpec> pins = List.of(
                SensorSpec.of(0, "shelf", "hx711", Map.of("clockPin", 5, "dataPin", 17, "kgPerCount", 0.001)),
                SensorSpec.of(1, "door", "door-contact", Map.of("pin", 17)));
        List<SensorSpec> addresses = List.of(SensorSpec.of(0, "a", "sht3x", Map.of()),
                SensorSpec.of(1, "b", "sht3x", Map.of("address", "0x44")));
        List<SensorSpec> probes = List.of(SensorSpec.of(0, "a", "ds18b20", Map.of("romId", "28-000000000001")),
                SensorSpec.of(1, "b", "ds18b20", Map.of("romId", "28-000000000001")));

        assertThatThrownBy(() -> SensorKinds.load().validate(pins))
                .hasMessage("sensors[1].pin: GPIO 17 is already used by sensors[0] (shelf)");
        assertThatThrownBy(() -> SensorKinds.load().validate(addresses))
                .hasMessage("sensors[1].address: I2C bus 1 address 0x44 is already used by sensors[0] (a)");
        assertThatThrownBy(() -> SensorKinds.load().validate(probes))
                .hasMessageStartingWith("sensors[1].romId: 1-Wire probe /sys/bus/w1/devices/28-000000000001 is");
        SensorKinds.load().validate(List.of(SensorSpec.of(0, "a", "sht3x", Map.of()),
                SensorSpec.of(1, "b", "sht3x", Map.of("bus", 3))));
    }
}
