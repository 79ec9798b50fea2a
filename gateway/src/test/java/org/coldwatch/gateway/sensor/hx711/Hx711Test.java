package org.coldwatch.gateway.sensor.hx711;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.coldwatch.gateway.config.ConfigException;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.sensor.Pause;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorFault;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.gateway.sensor.SensorState;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.devices.DeviceFaults;
import org.coldwatch.sim.devices.Hx711Device;
import org.coldwatch.sim.devices.Hx711Rate;
import org.coldwatch.sim.devices.LoadCellModel;
import org.coldwatch.sim.pi4j.SimulatedHardware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HX711 driver bit-banging firmware-sim's datasheet model through Pi4J GPIO. The chip's time is a fake the
 * driver's DOUT polls advance, so conversions (10 per second) cost no wall time and PD_SCK never looks slow.
 */
class Hx711Test {
    private static final int SCK = 5;
    private static final int DOUT = 6;
    /** 8 000 counts with nothing on it, 5 000 counts per kg at gain 128. */
    private static final LoadCellModel CELL = new LoadCellModel(8_000, 5_000, 0);
    private static final LoadCellCalibration CALIBRATION = new LoadCellCalibration(8_000, 1.0 / 5_000);

    private final AtomicLong nanos = new AtomicLong();
    private final Pause advancing = d -> nanos.addAndGet(d.toNanos());
    private final AtomicReference<Double> massKg = new AtomicReference<>(812.5);
    private final DeviceFaults faults = new DeviceFaults(7);
    private Hx711Device chip;
    private Context pi4j;

    @BeforeEach
    void wire() {
        SimulatedHardware.reset();
        pi4j = Pi4J.newAutoContext();
    }

    @AfterEach
    void unwire() {
        pi4j.shutdown();
        SimulatedHardware.reset();
    }

    private void attach(LoadCellModel model) {
        chip = new Hx711Device(massKg::get, model, Hx711Rate.SPS_10, new SplittableRandom(3), nanos::get, faults);
        SimulatedHardware.attachHx711(SCK, DOUT, chip);
    }

    private Hx711 driver(Hx711Gain gain, int samples, LoadCellCalibration calibration, DriftCompensation drift,
            int stuckAfter) {
        DigitalOutput sck = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("sck").address(SCK)
                .initial(DigitalState.LOW).build());
        DigitalInput dout = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("dout").address(DOUT)
                .pull(PullResistance.OFF).build());
        return new Hx711(sck, dout, gain, samples, calibration, drift, Duration.ofSeconds(1), stuckAfter, advancing);
    }

    private Hx711 driver(Hx711Gain gain) {
        return driver(gain, 3, CALIBRATION, DriftCompensation.NONE, 0);
    }

    @Test
    void reads24BitTwosComplementAtGain128() throws SensorFault {
        attach(CELL);

        assertThat(driver(Hx711Gain.A_128).conversion()).isEqualTo(4_070_500); // 8 000 + 5 000 · 812.5
    }

    @Test
    void readsNegativeCounts() throws SensorFault {
        attach(new LoadCellModel(-100_000, 5_000, 0));
        massKg.set(0.0);

        assertThat(driver(Hx711Gain.A_128).conversion()).isEqualTo(-100_000);
    }

    @Test
    void selectsChannelBGain32With26PulsesAndDiscardsTheConversionMadeBefore() throws SensorFault {
        attach(CELL);
        Hx711 cell = driver(Hx711Gain.B_32);

        assertThat(cell.averageCounts()).isEqualTo(4_070_500 / 4.0, within(0.5));
        assertThat(chip.selectedInput()).isEqualTo(org.coldwatch.sim.devices.Hx711Gain.B_32);
    }

    @Test
    void selectsChannelAGain64With27Pulses() throws SensorFault {
        attach(CELL);
        Hx711 cell = driver(Hx711Gain.A_64);

        assertThat(cell.averageCounts()).isEqualTo(4_070_500 / 2.0, within(0.5));
        assertThat(chip.selectedInput()).isEqualTo(org.coldwatch.sim.devices.Hx711Gain.A_64);
    }

    @Test
    void calibratesCountsToKilograms() throws SensorFault {
        attach(CELL);

        assertThat(driver(Hx711Gain.A_128).massKg()).isCloseTo(812.5, within(1e-9));
    }

    @Test
    void tareMakesTheCurrentLoadZero() throws SensorFault {
        attach(CELL);
        massKg.set(20.0);
        Hx711 cell = driver(Hx711Gain.A_128);

        assertThat(cell.tare()).isEqualTo(108_000.0);
        massKg.set(70.0);

        assertThat(cell.massKg()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void averagesNoisyConversions() throws SensorFault {
        attach(new LoadCellModel(8_000, 5_000, 500));
        Hx711 cell = driver(Hx711Gain.A_128, 40, CALIBRATION, DriftCompensation.NONE, 0);

        // one conversion has σ = 500 counts = 0.1 kg; 38 averaged have σ ≈ 0.016 kg
        assertThat(cell.massKg()).isCloseTo(812.5, within(0.08));
    }

    @Test
    void aFlippedBitIsTrimmedAway() throws SensorFault {
        attach(CELL);
        Hx711 cell = driver(Hx711Gain.A_128, 5, CALIBRATION, DriftCompensation.NONE, 0);
        faults.corruptNextReads(1);

        assertThat(cell.massKg()).isCloseTo(812.5, within(1e-9));
    }

    @Test
    void theDriftHookCorrectsTheCalibratedMass() throws SensorFault {
        attach(CELL);
        Hx711 cell = driver(Hx711Gain.A_128, 3, CALIBRATION, kg -> kg - 2.5, 0);

        assertThat(cell.massKg()).isCloseTo(810.0, within(1e-9));
    }

    @Test
    void anAmplifierThatNeverGetsReadyIsMissing() {
        attach(CELL);
        faults.missing(true);

        assertThatThrownBy(driver(Hx711Gain.A_128)::massKg).isInstanceOfSatisfying(SensorFault.class,
                f -> assertThat(f.state()).isEqualTo(SensorState.MISSING));
    }

    @Test
    void aFrozenConverterIsStuck() throws SensorFault {
        attach(new LoadCellModel(8_000, 5_000, 200));
        Hx711 cell = driver(Hx711Gain.A_128, 1, CALIBRATION, DriftCompensation.NONE, 3);
        cell.massKg();
        faults.stuck(true);
        cell.massKg();

        assertThatThrownBy(cell::massKg).isInstanceOfSatisfying(SensorFault.class,
                f -> assertThat(f.state()).isEqualTo(SensorState.STUCK));
    }

    @Test
    void aSaturatedAdcIsImplausible() {
        attach(CELL);
        massKg.set(10_000.0); // 50 M counts, beyond 0x7FFFFF

        assertThatThrownBy(driver(Hx711Gain.A_128)::massKg).isInstanceOfSatisfying(SensorFault.class,
                f -> assertThat(f.state()).isEqualTo(SensorState.IMPLAUSIBLE));
    }

    @Test
    void theKindReportsWeight() throws Exception {
        attach(CELL);
        SensorSpec spec = SensorSpec.of(4, "room1-shelf", "hx711", Map.of("clockPin", SCK, "dataPin", DOUT,
                "kgPerCount", 0.0002, "tareOffsetCounts", 8_000, "samples", 3));
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        try (SensorContext ctx = new SensorContext(() -> pi4j, Clock.systemUTC(), advancing)) {
            SensorSource source = new Hx711Kind().create(spec, ctx);

            assertThat(source.read(now)).containsExactly(Reading.of("room1-shelf", ReadingKind.WEIGHT, 812.5, now));
        }
    }

    @Test
    void aMissingCalibrationFactorIsAConfigErrorNamingTheKey() {
        SensorSpec spec = SensorSpec.of(1, "room1-shelf", "hx711", Map.of("clockPin", SCK, "dataPin", DOUT));

        assertThatThrownBy(() -> new Hx711Kind().validate(spec)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sensors[1].kgPerCount: missing");
    }
}
