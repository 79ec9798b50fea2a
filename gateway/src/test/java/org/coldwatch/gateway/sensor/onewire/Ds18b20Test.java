package org.coldwatch.gateway.sensor.onewire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.coldwatch.gateway.config.ConfigException;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorFault;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.gateway.sensor.SensorState;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.onewire.Ds18b20Folder;
import org.coldwatch.sim.onewire.Ds18b20Glitch;
import org.coldwatch.sim.onewire.Ds18b20Probe;
import org.coldwatch.sim.onewire.RomId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DS18B20 probes read from the sysfs folder firmware-sim writes the way the Linux w1 subsystem does. */
class Ds18b20Test {
    private static final RomId AIR = RomId.ds18b20(0x0316A2795FFFL);
    private static final RomId CORE = RomId.ds18b20(0x00000A1B2C3DL);

    @TempDir
    Path devices;

    private final AtomicReference<Double> airCelsius = new AtomicReference<>(3.125);
    private Ds18b20Folder folder;
    private Ds18b20Probe air;

    @BeforeEach
    void bus() {
        folder = new Ds18b20Folder(devices);
        air = folder.add(new Ds18b20Probe(AIR, airCelsius::get));
        folder.add(new Ds18b20Probe(CORE, () -> 1.5));
        folder.update();
    }

    @AfterEach
    void stop() {
        folder.close();
    }

    private SensorState faultOf(Ds18b20 probe) {
        try {
            probe.celsius();
        } catch (SensorFault f) {
            return f.state();
        }
        throw new AssertionError("no fault");
    }

    @Test
    void readsSeveralProbesOnOneBus() throws SensorFault {
        assertThat(new Ds18b20(devices, AIR.sysfsName()).celsius()).isEqualTo(3.125);
        assertThat(new Ds18b20(devices, CORE.sysfsName()).celsius()).isEqualTo(1.5);
        airCelsius.set(-18.5);
        folder.update();
        assertThat(new Ds18b20(devices, AIR.sysfsName()).celsius()).isEqualTo(-18.5);
    }

    @Test
    void aCrcLineEndingInNoIsRejected() {
        air.faults().corruptNextReads(1);
        folder.update();

        assertThat(faultOf(new Ds18b20(devices, AIR.sysfsName()))).isEqualTo(SensorState.CRC);
    }

    @Test
    void thePowerOnValueOf85IsRejected() {
        air.glitchNextReads(Ds18b20Glitch.POWER_ON_RESET, 1);
        folder.update();

        assertThat(faultOf(new Ds18b20(devices, AIR.sysfsName()))).isEqualTo(SensorState.IMPLAUSIBLE);
    }

    @Test
    void anAllZeroScratchpadPassesTheKernelsCrcButIsRejected() {
        air.glitchNextReads(Ds18b20Glitch.ALL_ZEROS, 1);
        folder.update();

        assertThat(faultOf(new Ds18b20(devices, AIR.sysfsName()))).isEqualTo(SensorState.CRC);
    }

    @Test
    void aLineReadAsAllOnesIsRejected() {
        air.glitchNextReads(Ds18b20Glitch.ALL_ONES, 1);
        folder.update();

        assertThat(faultOf(new Ds18b20(devices, AIR.sysfsName()))).isEqualTo(SensorState.CRC);
    }

    @Test
    void aProbeOffTheBusIsMissingAndComesBack() throws SensorFault {
        air.faults().missing(true);
        folder.update();
        Ds18b20 probe = new Ds18b20(devices, AIR.sysfsName());

        assertThat(faultOf(probe)).isEqualTo(SensorState.MISSING);
        air.faults().missing(false);
        folder.update();
        assertThat(probe.celsius()).isEqualTo(3.125);
    }

    @Test
    void anUnansweredReadIsMissing() {
        air.faults().failNextTransfers(1);
        folder.update();

        assertThat(faultOf(new Ds18b20(devices, AIR.sysfsName()))).isEqualTo(SensorState.MISSING);
    }

    @Test
    void valuesOutsideTheProbesRangeAreImplausible() {
        assertThatThrownBy(() -> W1Slave.celsius("""
                f0 07 4b 46 7f ff 10 10 00 : crc=00 YES
                f0 07 4b 46 7f ff 10 10 00 t=127000
                """)).isInstanceOfSatisfying(SensorFault.class,
                f -> assertThat(f.state()).isEqualTo(SensorState.IMPLAUSIBLE));
    }

    @Test
    void theKindReadsTheConfiguredRootAndTracksHealth() throws Exception {
        SensorSpec spec = SensorSpec.of(3, "room1-core", "ds18b20",
                Map.of("romId", CORE.sysfsName(), "root", devices.toString()));
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        try (SensorContext ctx = new SensorContext(() -> {
            throw new AssertionError("1-Wire needs no Pi4J");
        }, Clock.systemUTC())) {
            SensorSource source = new Ds18b20Kind().create(spec, ctx);

            assertThat(source.read(now)).containsExactly(Reading.of("room1-core", ReadingKind.TEMPERATURE, 1.5, now));
            assertThat(source.health().orElseThrow().state()).isEqualTo(SensorState.OK);
        }
    }

    @Test
    void aRomIdThatIsNotADs18b20IsAConfigErrorNamingTheKey() {
        SensorSpec spec = SensorSpec.of(2, "room1-core", "ds18b20", Map.of("romId", "10-000000000001"));

        assertThatThrownBy(() -> new Ds18b20Kind().validate(spec)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sensors[2].romId: ");
    }
}
