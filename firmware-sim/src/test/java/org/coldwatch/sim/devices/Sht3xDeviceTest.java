package org.coldwatch.sim.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class Sht3xDeviceTest {

    private final FakeNanos clock = new FakeNanos();
    private final AtomicReference<Double> air = new AtomicReference<>(25.0);
    private final AtomicReference<Double> humidity = new AtomicReference<>(50.0);
    private final DeviceFaults faults = new DeviceFaults(7);
    private final Sht3xDevice sensor = new Sht3xDevice(air::get, humidity::get, clock, faults);

    private static byte[] command(int code) {
        return new byte[] {(byte) (code >>> 8), (byte) code};
    }

    private static int word(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 8 | data[offset + 1] & 0xFF;
    }

    private static boolean crcOk(byte[] data, int offset) {
        return Crc8.sensirion(data[offset], data[offset + 1]) == (data[offset + 2] & 0xFF);
    }

    private byte[] measureHighRepeatability() throws I2cNackException {
        sensor.write(command(0x2400));
        clock.advance(Duration.ofMillis(15));
        return sensor.read(6);
    }

    @Test
    void returnsTemperatureCrcHumidityCrcAfterAHighRepeatabilityMeasurement() throws Exception {
        byte[] data = measureHighRepeatability();

        // 25 °C: (25 + 45) * 65535 / 175 = 26214 = 0x6666; 50 %RH: 32767.5 rounds to 32768 = 0x8000
        assertThat(word(data, 0)).isEqualTo(0x6666);
        assertThat(word(data, 3)).isEqualTo(0x8000);
        assertThat(crcOk(data, 0)).isTrue();
        assertThat(crcOk(data, 3)).isTrue();
        assertThat(-45 + 175.0 * word(data, 0) / 65535).isCloseTo(25.0, within(175.0 / 65535));
        assertThat(100.0 * word(data, 3) / 65535).isCloseTo(50.0, within(100.0 / 65535));
    }

    @Test
    void nacksReadBeforeMeasurementCompletes() throws Exception {
        sensor.write(command(0x2400));
        clock.advance(Duration.ofNanos(14_999_999));

        assertThatThrownBy(() -> sensor.read(6))
                .isInstanceOf(I2cNackException.class)
                .hasMessage("Remote I/O error")
                .satisfies(e -> assertThat(((I2cNackException) e).reason()).isEqualTo("measurement in progress"));

        clock.advance(Duration.ofNanos(1));
        assertThat(crcOk(sensor.read(6), 0)).isTrue();
    }

    @Test
    void measurementDurationFollowsTheRepeatabilityMaximum() throws Exception {
        sensor.write(command(0x240B));
        clock.advance(Duration.ofMillis(5));
        assertThatThrownBy(() -> sensor.read(6)).isInstanceOf(I2cNackException.class);
        clock.advance(Duration.ofMillis(1));
        sensor.read(6);

        sensor.write(command(0x2416));
        clock.advance(Duration.ofMillis(3));
        assertThatThrownBy(() -> sensor.read(6)).isInstanceOf(I2cNackException.class);
        clock.advance(Duration.ofMillis(1));
        sensor.read(6);
    }

    @Test
    void clockStretchingCommandsAnswerTheReadAtOnce() throws Exception {
        for (int code : new int[] {0x2C06, 0x2C0D, 0x2C10}) {
            sensor.write(command(code));
            assertThat(word(sensor.read(6), 0)).isEqualTo(0x6666);
        }
    }

    @Test
    void nacksEveryHeaderWhileMeasuring() throws Exception {
        sensor.write(command(0x2400));

        assertThatThrownBy(() -> sensor.write(command(0xF32D))).isInstanceOf(I2cNackException.class);
    }

    @Test
    void nacksASecondReadOfTheSameResult() throws Exception {
        measureHighRepeatability();

        assertThatThrownBy(() -> sensor.read(6))
                .satisfies(e -> assertThat(((I2cNackException) e).reason()).isEqualTo("no data to send"));
    }

    @Test
    void aShortReadReturnsTemperatureOnlyAndPadsBeyondTheData() throws Exception {
        sensor.write(command(0x2C06));
        byte[] three = sensor.read(3);
        assertThat(word(three, 0)).isEqualTo(0x6666);

        sensor.write(command(0x2C06));
        byte[] eight = sensor.read(8);
        assertThat(eight[6]).isEqualTo((byte) 0xFF);
        assertThat(eight[7]).isEqualTo((byte) 0xFF);
    }

    @Test
    void statusAfterPowerOnHasAlertPendingAndResetDetected() throws Exception {
        sensor.write(command(0xF32D));
        byte[] status = sensor.read(3);

        assertThat(word(status, 0)).isEqualTo(0x8010);
        assertThat(crcOk(status, 0)).isTrue();
    }

    @Test
    void clearStatusClearsAlertAndResetFlags() throws Exception {
        sensor.write(command(0x3041));
        sensor.write(command(0xF32D));

        assertThat(word(sensor.read(3), 0)).isZero();
    }

    @Test
    void heaterSetsStatusBit13AndSoftResetClearsItAndFlagsTheReset() throws Exception {
        sensor.write(command(0x3041));
        sensor.write(command(0x306D));
        sensor.write(command(0xF32D));
        assertThat(word(sensor.read(3), 0)).isEqualTo(1 << 13);

        sensor.write(command(0x30A2));
        assertThatThrownBy(() -> sensor.write(command(0xF32D)))
                .satisfies(e -> assertThat(((I2cNackException) e).reason()).isEqualTo("soft reset in progress"));
        clock.advance(Duration.ofNanos(1_500_000));
        sensor.write(command(0xF32D));

        assertThat(word(sensor.read(3), 0)).isEqualTo(0x8010);
        assertThat(sensor.heaterOn()).isFalse();
    }

    @Test
    void heaterDisableCommandTurnsTheHeaterOff() throws Exception {
        sensor.write(command(0x306D));
        sensor.write(command(0x3066));

        assertThat(sensor.heaterOn()).isFalse();
        assertThat(sensor.status() & (1 << 13)).isZero();
    }

    @Test
    void unknownCommandSetsCommandStatusBitUntilAValidCommand() throws Exception {
        sensor.write(command(0x1234));
        assertThat(sensor.status() & 0b10).isEqualTo(0b10);

        sensor.write(command(0xF32D));
        assertThat(word(sensor.read(3), 0) & 0b10).isZero();
    }

    @Test
    void heaterRaisesTemperatureByAFewDegreesAndLowersHumidity() throws Exception {
        byte[] before = measureHighRepeatability();
        sensor.write(command(0x306D));
        byte[] heated = measureHighRepeatability();

        double rise = 175.0 * (word(heated, 0) - word(before, 0)) / 65535;
        assertThat(rise).isCloseTo(Sht3xDevice.HEATER_RISE_CELSIUS, within(0.01));
        // Magnus: 50 % at 25 °C is about 42 % at 28 °C
        assertThat(100.0 * word(heated, 3) / 65535).isBetween(41.0, 43.5);
    }

    @Test
    void clampsSignalsToTheSixteenBitRange() throws Exception {
        air.set(150.0);
        humidity.set(-3.0);
        byte[] data = measureHighRepeatability();

        assertThat(word(data, 0)).isEqualTo(0xFFFF);
        assertThat(word(data, 3)).isZero();
    }

    @Test
    void missingSensorNacksEveryTransferWithRemoteIoError() {
        faults.missing(true);

        assertThatThrownBy(() -> sensor.write(command(0x2400)))
                .isInstanceOf(I2cNackException.class)
                .hasMessage("Remote I/O error");
        assertThatThrownBy(() -> sensor.read(6)).isInstanceOf(I2cNackException.class);
    }

    @Test
    void transientFailureNacksOnlyTheNextTransfers() throws Exception {
        faults.failNextTransfers(1);

        assertThatThrownBy(() -> sensor.write(command(0x2400))).isInstanceOf(I2cNackException.class);
        assertThat(word(measureHighRepeatability(), 0)).isEqualTo(0x6666);
    }

    @Test
    void corruptedReadFailsTheTemperatureCrcOnly() throws Exception {
        faults.corruptNextReads(1);
        byte[] corrupted = measureHighRepeatability();
        byte[] clean = measureHighRepeatability();

        assertThat(crcOk(corrupted, 0)).isFalse();
        assertThat(crcOk(corrupted, 3)).isTrue();
        assertThat(crcOk(clean, 0)).isTrue();
    }

    @Test
    void stuckSensorRepeatsItsLastMeasurement() throws Exception {
        byte[] first = measureHighRepeatability();
        faults.stuck(true);
        air.set(5.0);

        assertThat(measureHighRepeatability()).containsExactly(first);
        faults.stuck(false);
        assertThat(measureHighRepeatability()).isNotEqualTo(first);
    }

    @Test
    void periodicModeServesEachNewMeasurementOnceThroughFetch() throws Exception {
        sensor.write(command(0x2130)); // 1 mps, high repeatability
        sensor.write(command(0xE000));
        assertThatThrownBy(() -> sensor.read(6)).isInstanceOf(I2cNackException.class);

        clock.advance(Duration.ofMillis(15));
        sensor.write(command(0xE000));
        assertThat(word(sensor.read(6), 0)).isEqualTo(0x6666);

        sensor.write(command(0xE000));
        assertThatThrownBy(() -> sensor.read(6)).isInstanceOf(I2cNackException.class);

        clock.advance(Duration.ofSeconds(1));
        sensor.write(command(0xE000));
        assertThat(sensor.read(6)).hasSize(6);

        sensor.write(command(0x3093));
        clock.advance(Duration.ofSeconds(1));
        sensor.write(command(0xE000));
        assertThatThrownBy(() -> sensor.read(6)).isInstanceOf(I2cNackException.class);
    }

    @Test
    void writeDataWithAWrongChecksumSetsStatusBit0UntilAGoodOne() throws Exception {
        byte[] limit = {0x61, 0x1D, (byte) 0xBE, (byte) 0xEF, (byte) 0x92};
        byte[] corrupted = limit.clone();
        corrupted[4] = 0x00;

        sensor.write(corrupted);
        assertThat(sensor.status() & 0b11).isEqualTo(0b01);
        sensor.write(limit);
        assertThat(sensor.status() & 0b11).isZero();
    }

    @Test
    void emptyWriteIsAnAcknowledgedAddressProbe() throws Exception {
        sensor.write(new byte[0]);

        assertThat(sensor.status() & 0b10).isZero();
    }
}
