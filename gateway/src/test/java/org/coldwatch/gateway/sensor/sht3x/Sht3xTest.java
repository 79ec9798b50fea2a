package org.coldwatch.gateway.sensor.sht3x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.sensor.Pause;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorFault;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.gateway.sensor.SensorState;
import org.coldwatch.gateway.sensor.TemperatureHumiditySensor.Measurement;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.sim.devices.DeviceFaults;
import org.coldwatch.sim.devices.Sht3xDevice;
import org.coldwatch.sim.pi4j.SimulatedHardware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SHT3x driver against firmware-sim's datasheet model, on a fake time base the driver's waits advance. */
class Sht3xTest {
    private static final int BUS = 1;
    private static final int ADDRESS = 0x44;

    private final AtomicLong nanos = new AtomicLong();
    private final Pause advancing = d -> nanos.addAndGet(d.toNanos());
    private final DeviceFaults faults = new DeviceFaults();
    private final AtomicReference<Double> celsius = new AtomicReference<>(2.5);
    private final AtomicReference<Double> humidity = new AtomicReference<>(91.0);
    private Sht3xDevice device;
    private Context pi4j;

    @BeforeEach
    void wire() {
        SimulatedHardware.reset();
        device = new Sht3xDevice(celsius::get, humidity::get, nanos::get, faults);
        SimulatedHardware.attachI2c(BUS, ADDRESS, device);
        pi4j = Pi4J.newAutoContext();
    }

    @AfterEach
    void unwire() {
        pi4j.shutdown();
        SimulatedHardware.reset();
    }

    private I2C i2c(String name) {
        return pi4j.create(I2C.newConfigBuilder(pi4j).id(name).bus(BUS).device(ADDRESS).build());
    }

    private Sht3x sensor(int stuckAfter) {
        return new Sht3x(i2c("sht"), "air", stuckAfter, advancing);
    }

    @Test
    void measuresTemperatureAndHumidityWithTheDatasheetFormulas() throws SensorFault {
        Measurement m = sensor(0).measure();

        assertThat(m.celsius()).isCloseTo(2.5, within(0.003));
        assertThat(m.relativeHumidityPercent()).isCloseTo(91.0, within(0.002));
    }

    @Test
    void waitsTheMaximumMeasurementDurationOfTable4() throws SensorFault {
        AtomicLong waited = new AtomicLong();
        Sht3x sensor = new Sht3x(i2c("sht"), "air", 0, d -> {
            waited.addAndGet(d.toNanos());
            nanos.addAndGet(d.toNanos());
        });

        sensor.measure();

        assertThat(waited.get()).isEqualTo(15_000_000L);
    }

    @Test
    void startsWithTheHeaterOffAndTheResetFlagCleared() throws SensorFault {
        Sht3x sensor = sensor(0);

        sensor.measure();

        assertThat(device.heaterOn()).isFalse();
        assertThat(device.status() & Sht3x.STATUS_RESET_DETECTED).isZero();
        assertThat(sensor.resetsDetected()).isZero();
    }

    @Test
    void aMissingSensorIsMissingAndRecovers() throws SensorFault {
        Sht3x sensor = sensor(0);
        faults.missing(true);

        assertThatThrownBy(sensor::measure).isInstanceOfSatisfying(SensorFault.class,
                f -> assertThat(f.state()).isEqualTo(SensorState.MISSING));
        faults.missing(false);
        assertThat(sensor.measure().celsius()).isCloseTo(2.5, within(0.003));
    }

    @Test
    void aCorruptedWordIsACrcFault() throws SensorFault {
        Sht3x sensor = sensor(0);
        sensor.measure();
        faults.corruptNextReads(2); // the status read and the measurement of the next round

        assertThatThrownBy(sensor::measure).isInstanceOfSatisfying(SensorFault.class,
                f -> assertThat(f.state()).isEqualTo(SensorState.CRC));
        assertThatThrownBy(sensor::measure).isInstanceOfSatisfying(SensorFault.class,
                f -> assertThat(f.state()).isEqualTo(SensorState.CRC));
        assertThat(sensor.measure().celsius()).isCloseTo(2.5, within(0.003));
    }

    @Test
    void theSameRawWordsTooOftenAreStuck() throws SensorFault {
        Sht3x sensor = sensor(3);
        sensor.measure();
        celsius.set(2.6);
        sensor.measure();
        faults.stuck(true);
        celsius.set(4.0);
        sensor.measure(); // 2.6 again, second in a row

        assertThatThrownBy(sensor::measure).isInstanceOfSatisfying(SensorFault.class,
                f -> assertThat(f.state()).isEqualTo(SensorState.STUCK));
        faults.stuck(false);
        assertThat(sensor.measure().celsius()).isCloseTo(4.0, within(0.003));
    }

    @Test
    void aValueOutsideTheSensorsRangeIsImplausible() {
        celsius.set(-44.0);

        assertThatThrownBy(sensor(0)::measure).isInstanceOfSatisfying(SensorFault.class,
                f -> assertThat(f.state()).isEqualTo(SensorState.IMPLAUSIBLE));
    }

    @Test
    void aResetSensorIsInitialisedAgain() throws SensorFault {
        Sht3x sensor = sensor(0);
        sensor.measure();
        I2C other = i2c("other");
        other.write(new byte[] {0x30, (byte) 0xA2}); // soft reset, as a brown-out would
        nanos.addAndGet(2_000_000L);                   // t_SR 1.5 ms

        sensor.measure();

        assertThat(sensor.resetsDetected()).isEqualTo(1);
        assertThat(device.status() & Sht3x.STATUS_RESET_DETECTED).isZero();
    }

    @Test
    void aHeaterFoundOnIsSwitchedOffAndThatMeasurementSkipped() throws SensorFault {
        Sht3x sensor = sensor(0);
        sensor.measure();
        i2c("other").write(new byte[] {0x30, 0x6D}); // heater on

        assertThatThrownBy(sensor::measure).isInstanceOfSatisfying(SensorFault.class,
                f -> assertThat(f.state()).isEqualTo(SensorState.IMPLAUSIBLE));
        assertThat(device.heaterOn()).isFalse();
        assertThat(sensor.measure().celsius()).isCloseTo(2.5, within(0.003));
    }

    @Test
    void theHeaterCheckReadsWarmerAndLeavesTheHeaterOff() throws SensorFault {
        Sht3x sensor = sensor(0);

        double rise = sensor.heaterRiseCelsius(Duration.ofSeconds(5));

        assertThat(rise).isCloseTo(Sht3xDevice.HEATER_RISE_CELSIUS, within(0.01));
        assertThat(device.heaterOn()).isFalse();
        assertThat(sensor.measure().celsius()).isCloseTo(2.5, within(0.003));
    }

    @Test
    void theKindReportsTemperatureAndHumidityAndTracksHealth() throws Exception {
        SensorSpec spec = SensorSpec.of(0, "room1-air", "sht3x", Map.of("bus", 1, "address", "0x44"));
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        try (SensorContext ctx = new SensorContext(() -> pi4j, Clock.systemUTC(), advancing)) {
            SensorSource source = new Sht3xKind().create(spec, ctx);

            assertThat(source.read(now)).containsExactly(
                    Reading.of("room1-air", ReadingKind.TEMPERATURE, 2.5, now),
                    Reading.of("room1-air", ReadingKind.HUMIDITY, 91.0, now));
            assertThat(source.health().orElseThrow().state()).isEqualTo(SensorState.OK);
            assertThat(source.health().orElseThrow().lastGoodAt()).contains(now);
            faults.missing(true);
            assertThatThrownBy(() -> source.read(now.plusSeconds(10))).isInstanceOf(SensorFault.class);
            assertThat(source.health().orElseThrow().state()).isEqualTo(SensorState.MISSING);
            assertThat(source.health().orElseThrow().lastGoodAt()).contains(now);
        }
    }
}
