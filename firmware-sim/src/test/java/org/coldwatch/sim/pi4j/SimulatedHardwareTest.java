package org.coldwatch.sim.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.coldwatch.sim.devices.ContactBounce;
import org.coldwatch.sim.devices.Crc8;
import org.coldwatch.sim.devices.DeviceFaults;
import org.coldwatch.sim.devices.DoorContact;
import org.coldwatch.sim.devices.FakeNanos;
import org.coldwatch.sim.devices.Hx711Device;
import org.coldwatch.sim.devices.Hx711Rate;
import org.coldwatch.sim.devices.LoadCellModel;
import org.coldwatch.sim.devices.Sht3xDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Goes through Pi4J's public API exactly as the gateway's drivers will, and decodes what comes back. */
class SimulatedHardwareTest {

    private static final int BUS = 1;
    private static final int SHT3X = 0x44;
    private static final int HX711_CLOCK = 5;
    private static final int HX711_DATA = 6;
    private static final int DOOR = 17;
    private static final int BUZZER = 18;

    private final FakeNanos clock = new FakeNanos();
    private Context pi4j;

    @BeforeEach
    void wireTheBoard() {
        SimulatedHardware.reset();
        pi4j = Pi4J.newAutoContext();
    }

    @AfterEach
    void shutDown() {
        pi4j.shutdown();
        SimulatedHardware.reset();
    }

    private I2C i2c(int address) {
        return pi4j.create(I2C.newConfigBuilder(pi4j).id("i2c-" + address).bus(BUS).device(address).build());
    }

    @Test
    void autoContextPicksTheSimulatedPlatformAndProviders() {
        assertThat(pi4j.platform().id()).isEqualTo(SimulatedPlugin.PLATFORM_ID);
        assertThat(pi4j.provider(IOType.I2C).id()).isEqualTo(SimulatedPlugin.I2C_PROVIDER_ID);
        assertThat(pi4j.provider(IOType.DIGITAL_INPUT).id()).isEqualTo(SimulatedPlugin.DIGITAL_INPUT_PROVIDER_ID);
        assertThat(pi4j.provider(IOType.DIGITAL_OUTPUT).id()).isEqualTo(SimulatedPlugin.DIGITAL_OUTPUT_PROVIDER_ID);
    }

    @Test
    void readsAnSht3xLikeADriverAndDecodesTheDatasheetFormulas() {
        SimulatedHardware.attachI2c(BUS, SHT3X, new Sht3xDevice(() -> 2.5, () -> 91.0, clock, new DeviceFaults()));
        I2C sensor = i2c(SHT3X);

        sensor.write(new byte[] {0x24, 0x00});
        assertThatThrownBy(() -> sensor.read(new byte[6], 0, 6)).isInstanceOf(Pi4JException.class);
        clock.advance(Duration.ofMillis(15));
        byte[] data = new byte[6];
        assertThat(sensor.read(data, 0, 6)).isEqualTo(6);

        assertThat(Crc8.sensirion(data[0], data[1])).isEqualTo(data[2] & 0xFF);
        assertThat(Crc8.sensirion(data[3], data[4])).isEqualTo(data[5] & 0xFF);
        int rawT = (data[0] & 0xFF) << 8 | data[1] & 0xFF;
        int rawRh = (data[3] & 0xFF) << 8 | data[4] & 0xFF;
        assertThat(-45 + 175.0 * rawT / 65535).isCloseTo(2.5, within(0.003));
        assertThat(100.0 * rawRh / 65535).isCloseTo(91.0, within(0.002));
    }

    @Test
    void readsTheSht3xStatusWithACombinedRegisterRead() {
        SimulatedHardware.attachI2c(BUS, SHT3X, new Sht3xDevice(() -> 4, () -> 90));
        byte[] status = new byte[3];

        i2c(SHT3X).readRegister(new byte[] {(byte) 0xF3, 0x2D}, status, 0, 3);

        assertThat((status[0] & 0xFF) << 8 | status[1] & 0xFF).isEqualTo(0x8010);
    }

    @Test
    void anEmptyAddressFailsTheWayTheLinuxI2cProviderDoes() {
        I2C nobody = i2c(0x45);

        assertThatThrownBy(() -> nobody.write(new byte[] {0x24, 0x00}))
                .isInstanceOf(Pi4JException.class)
                .hasMessage("Failed to execute action for device 69 on bus 1")
                .cause().isInstanceOf(Pi4JException.class)
                .hasMessage("Failed to execute action for device 69 on bus 1")
                .cause().isInstanceOf(IOException.class)
                .hasMessage("Remote I/O error");
        assertThatThrownBy(() -> nobody.readRegister(0x00))
                .hasMessage("Failed to execute action for device 69 on bus 1")
                .cause().hasMessage("Failed to execute ioctl for device 69 on bus 1")
                .cause().hasMessage("Remote I/O error");
    }

    @Test
    void aMissingSensorFailsLikeAnEmptyAddressAndRecovers() {
        DeviceFaults faults = new DeviceFaults();
        SimulatedHardware.attachI2c(BUS, SHT3X, new Sht3xDevice(() -> 4, () -> 90, clock, faults));
        I2C sensor = i2c(SHT3X);
        faults.missing(true);

        assertThatThrownBy(() -> sensor.write(new byte[] {0x2C, 0x06}))
                .rootCause().isInstanceOf(IOException.class).hasMessage("Remote I/O error");
        faults.missing(false);
        sensor.write(new byte[] {0x2C, 0x06});
        assertThat(sensor.read(new byte[6], 0, 6)).isEqualTo(6);
    }

    @Test
    void bitBangsAnHx711ThroughDigitalOutputAndInput() {
        // 1 µs passes on every reading of the clock, like the time a pin operation takes
        FakeNanos ticking = new FakeNanos(1_000);
        Hx711Device scale = new Hx711Device(() -> 812.5, new LoadCellModel(8_000, 5_000, 0), Hx711Rate.SPS_10,
                new SplittableRandom(1), ticking, new DeviceFaults());
        SimulatedHardware.attachHx711(HX711_CLOCK, HX711_DATA, scale);
        DigitalOutput sck = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("hx711-sck").address(HX711_CLOCK)
                .initial(DigitalState.LOW).build());
        DigitalInput dout = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("hx711-dout").address(HX711_DATA)
                .pull(PullResistance.OFF).build());

        assertThat(dout.isHigh()).isTrue();
        ticking.advance(Hx711Rate.SPS_10.settling());
        assertThat(dout.isLow()).isTrue();
        int value = 0;
        for (int pulse = 1; pulse <= 25; pulse++) {
            sck.high();
            if (pulse <= 24) {
                value = value << 1 | (dout.isHigh() ? 1 : 0);
            }
            sck.low();
        }

        assertThat(value << 8 >> 8).isEqualTo(4_070_500); // 8 000 + 5 000 counts/kg * 812.5 kg
        assertThat(dout.isHigh()).isTrue();
    }

    @Test
    void theDoorPinIsLowWhenShutHighWhenOpenAndFiresEdgeEvents() {
        AtomicBoolean open = new AtomicBoolean(false);
        SimulatedHardware.attachDoor(DOOR, new DoorContact(open::get, ContactBounce.typical(), new SplittableRandom(5),
                System::nanoTime, new DeviceFaults()));
        DigitalInput door = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("door").address(DOOR)
                .pull(PullResistance.PULL_UP).build());
        List<DigitalState> edges = new CopyOnWriteArrayList<>();
        door.addListener(event -> edges.add(event.state()));

        assertThat(door.isLow()).isTrue();
        open.set(true);

        await().atMost(Duration.ofSeconds(5)).until(() -> !edges.isEmpty()
                && edges.get(edges.size() - 1) == DigitalState.HIGH && door.isHigh());
        assertThat(edges.get(0)).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void aCutDoorWireReadsOpen() {
        DeviceFaults faults = new DeviceFaults().missing(true);
        SimulatedHardware.attachDoor(DOOR, new DoorContact(() -> false, ContactBounce.NONE, new SplittableRandom(1),
                System::nanoTime, faults));
        DigitalInput door = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("door").address(DOOR)
                .pull(PullResistance.PULL_UP).build());

        assertThat(door.isHigh()).isTrue();
    }

    @Test
    void theBuzzerOutputIsObservable() {
        OutputPin buzzer = SimulatedHardware.digitalOutput(BUZZER);
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        buzzer.addListener((pin, high) -> changes.add(high));
        DigitalOutput out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("buzzer").address(BUZZER)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW).build());

        out.high();
        assertThat(buzzer.isHigh()).isTrue();
        out.low();

        assertThat(buzzer.isDriven()).isTrue();
        assertThat(buzzer.isHigh()).isFalse();
        assertThat(buzzer.changes()).isEqualTo(2);
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void devicesCanBeAttachedAfterTheContextExists() {
        I2C sensor = i2c(SHT3X);
        assertThatThrownBy(() -> sensor.write(new byte[] {0x2C, 0x06})).isInstanceOf(Pi4JException.class);

        SimulatedHardware.attachI2c(BUS, SHT3X, new Sht3xDevice(() -> 4, () -> 90));

        sensor.write(new byte[] {0x2C, 0x06});
        assertThat(sensor.read(new byte[6], 0, 6)).isEqualTo(6);
    }
}
