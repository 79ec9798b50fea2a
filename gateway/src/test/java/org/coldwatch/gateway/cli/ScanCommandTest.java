package org.coldwatch.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.coldwatch.sim.devices.I2cNackException;
import org.coldwatch.sim.devices.I2cTarget;
import org.coldwatch.sim.onewire.Ds18b20Probe;
import org.coldwatch.sim.onewire.RomId;
import org.coldwatch.sim.pi4j.SimulatedHardware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
    @TempDir
    Path dir;

    private SimulatedRoom room;

    @BeforeEach
    void wire() {
        room = new SimulatedRoom(dir);
    }

    @AfterEach
    void unwire() {
        room.close();
    }

    /** Some other chip that answers any read with 0x00. */
    private static final class AnyChip implements I2cTarget {
        @Override
        public void write(byte[] data) {
        }

        @Override
        public byte[] read(int length) throws I2cNackException {
            return new byte[length];
        }
    }

    @Test
    void listsI2cDevicesOneWireProbesAndConfiguredPins() throws Exception {
        SimulatedHardware.attachI2c(1, 0x48, new AnyChip());
        room.oneWire.add(new Ds18b20Probe(new RomId(0x10, 0x1234L), () -> 4.0));
        room.oneWire.update();

        SimulatedRoom.Run run = SimulatedRoom.execute("scan", "--config", room.config("tcp://127.0.0.1:1").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("I2C bus 1:")
                .containsPattern("0x44  SHT3x \\(status 0x[0-9a-f]{4}, CRC ok\\)")
                .contains("0x48  answers (unknown device)")
                .doesNotContain("0x45")
                .contains(SimulatedRoom.CORE.sysfsName() + "  DS18B20  1.250 °C")
                .contains("10-000000001234  family 10 (not a DS18B20)")
                .containsPattern("17  HIGH  door-contact room1-door")
                .containsPattern(" 5  -     hx711 room1-shelf PD_SCK")
                // 40 000 + 209.7 counts/kg · 480 kg = 140 656 (noise 20 counts rms, 3 samples)
                .containsPattern("room1-shelf  140[0-9]{3} counts = 4[78][0-9]\\.[0-9]{3} kg");
    }

    @Test
    void showsAFaultyProbeWithItsFault() throws Exception {
        room.core.corruptNextReads(1);
        room.oneWire.update();

        SimulatedRoom.Run run = SimulatedRoom.execute("scan", "--bus", "1", "--one-wire-root",
                dir.resolve("w1").toString());

        assertThat(run.out()).contains(SimulatedRoom.CORE.sysfsName() + "  DS18B20  crc: CRC check failed");
    }

    @Test
    void saysSoWhenNothingAnswers() {
        SimulatedHardware.reset();

        SimulatedRoom.Run run = SimulatedRoom.execute("scan", "--bus", "3", "--one-wire-root",
                dir.resolve("nowhere").toString());

        assertThat(run.out()).contains("I2C bus 3:\n  no device answered").contains("cannot list");
    }
}
