package org.coldwatch.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coldwatch.gateway.sensor.SensorKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sensors:} list of the configuration file. */
class SensorsConfigTest {
    private static final String HEAD = "gateway:\n  id: gw-7\n  secret: s3cret\n";

    @TempDir
    Path dir;

    private GatewayConfig load(String yaml) throws IOException {
        return GatewayConfig.load(Files.writeString(dir.resolve("gateway.yaml"), HEAD + yaml), Map.of());
    }

    @Test
    void readsIdKindRoomAndEveryOtherKeyAsAParameter() throws IOException {
        GatewayConfig config = load("""
                sensors:
                  - id: room1-air
                    kind: sht3x
                    room: room1
                    bus: 1
                    address: 0x45
                  - id: room1-core
                    kind: ds18b20
                    romId: 28-00000a1b2c3d
                """);

        assertThat(config.sensors()).hasSize(2);
        SensorSpec air = config.sensors().get(0);
        assertThat(air.index()).isZero();
        assertThat(air.id()).isEqualTo("room1-air");
        assertThat(air.kind()).isEqualTo("sht3x");
        assertThat(air.room()).isEqualTo("room1");
        assertThat(air.params()).containsOnlyKeys("bus", "address").containsEntry("bus", 1);
        assertThat(air.params().get("address")).satisfiesAnyOf(
                a -> assertThat(a).isEqualTo(0x45), a -> assertThat(a).isEqualTo("0x45"));
        assertThat(config.sensors().get(1).key("romId")).isEqualTo("sensors[1].romId");
    }

    @Test
    void noSensorsByDefault() throws IOException {
        assertThat(load("").sensors()).isEmpty();
    }

    @Test
    void refusesDuplicateAndInvalidIdsNamingTheKey() {
        assertThatThrownBy(() -> load("""
                sensors:
                  - {id: a1, kind: sht3x}
                  - {id: a1, kind: ds18b20, romId: 28-000000000001}
                  - {id: "bad id", kind: sht3x}
                  - {id: a2}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sensors[1].id: 'a1' is used by another sensor")
                .hasMessageContaining("sensors[2].id: must be")
                .hasMessageContaining("sensors[3].kind: missing");
    }

    @Test
    void theExampleRoomInTheSampleIsValidOnceUncommented() throws URISyntaxException, IOException {
        Path sample = Path.of(SensorsConfigTest.class.getResource("/gateway.sample.yaml").toURI());
        List<String> lines = Files.readAllLines(sample);
        int from = lines.indexOf("#sensors:");
        StringBuilder uncommented = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            uncommented.append(i >= from && line.startsWith("#") ? line.substring(1) : line).append('\n');
        }

        Path room = Files.writeString(dir.resolve("room.yaml"), uncommented.toString());
        GatewayConfig config = GatewayConfig.load(room, Map.of());

        assertThat(config.sensors()).extracting(SensorSpec::kind)
                .containsExactly("sht3x", "ds18b20", "ds18b20", "ds18b20", "hx711", "door-contact");
        SensorKinds.load().validate(config.sensors());
    }
}
