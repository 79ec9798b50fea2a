package org.coldwatch.sim.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coldwatch.sim.pi4j.SimulatedHardware;
import org.coldwatch.sim.scenario.LiveSimulation;
import org.coldwatch.sim.scenario.Sample;
import org.coldwatch.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running scenario's sensors, read the way the gateway's drivers will read hardware: through Pi4J's public API
 * (I2C for the SHT3x, bit-banged GPIO for the HX711, a GPIO input for the door) and through w1 sysfs files.
 */
class ScenarioHardwareTest {
    @TempDir
    Path oneWire;

    ScenarioHardware hardware;
    Context pi4j;

    @BeforeEach
    void attachTheNormalWeek() {
        SimulatedHardware.reset();
        LiveSimulation room = LiveSimulation.realTime(ScenarioLoader.builtIn("normal-week"), Clock.systemUTC());
        hardware = ScenarioHardware.attach(room, oneWire);
        pi4j = Pi4J.newAutoContext();
    }

    @AfterEach
    void unplug() {
        pi4j.shutdown();
        hardware.close();
    }

    @Test
    void sht3xOnItsBusAndAddressReportsTheRoomAir() {
        I2C sht3x = pi4j.create(I2C.newConfigBuilder(pi4j).id("sht3x").bus(1).device(0x44).build());
        sht3x.write(new byte[] {0x24, 0x00});
        byte[] data = new byte[6];
        await().atMost(Duration.ofSeconds(2)).ignoreExceptions().until(() -> sht3x.read(data, 0, 6) == 6);

        double celsius = -45 + 175.0 * ((data[0] & 0xFF) << 8 | data[1] & 0xFF) / 65535;
        double rh = 100.0 * ((data[3] & 0xFF) << 8 | data[4] & 0xFF) / 65535;
        Sample truth = hardware.room().sample();
        assertThat(celsius).isCloseTo(truth.airCelsius(), within(0.3));
        assertThat(rh).isCloseTo(truth.relativeHumidityPercent(), within(1.0));
    }

    @Test
    void hx711OnItsPinsWeighsTheLotAndItsBins() {
        DigitalOutput sck = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("sck").address(5)
                .initial(DigitalState.LOW).build());
        DigitalInput dout = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("dout").address(6)
                .pull(PullResistance.OFF).build());
        double truthKg = 12_000 + 900;

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            await().atMost(Duration.ofSeconds(1)).until(dout::isLow);
            int counts = 0;
            for (int pulse = 1; pulse <= 25; pulse++) {
                sck.high();
                if (pulse <= 24) {
                    counts = counts << 1 | (dout.isHigh() ? 1 : 0);
                }
                sck.low();
            }
            counts = counts << 8 >> 8;
            double kg = (counts - ScenarioHardware.LOAD_CELL.offsetCounts())
                    / ScenarioHardware.LOAD_CELL.countsPerKg();
            assertThat(kg).isCloseTo(truthKg, within(2.0));
        });
    }

    @Test
    void doorContactPullsItsPinLowWhileTheDoorIsShut() {
        DigitalInput door = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("door").address(17)
                .pull(PullResistance.PULL_UP).build());
        boolean open = hardware.room().sample().doorOpen();
        assertThat(door.isLow()).isEqualTo(!open);
    }

    @Test
    void ds18b20ProbesAppearAsW1SysfsFilesWithTheirTemperatures() throws Exception {
        Path core = oneWire.resolve("28-00000a1b2c02").resolve("w1_slave");
        await().atMost(Duration.ofSeconds(3)).until(() -> Files.exists(core));
        String text = Files.readString(core, StandardCharsets.US_ASCII);
        assertThat(text.lines().findFirst().orElseThrow()).endsWith("YES");
        Matcher t = Pattern.compile("t=(-?\\d+)").matcher(text);
        assertThat(t.find()).isTrue();
        double lotCelsius = hardware.room().sample().lotCelsius().get("apples-2026-09-28");
        assertThat(Integer.parseInt(t.group(1)) / 1000.0).isCloseTo(lotCelsius, within(0.3));
        assertThat(Files.readString(oneWire.resolve("w1_bus_master1").resolve("w1_master_slaves")))
                .contains("28-00000a1b2c01", "28-00000a1b2c02");
    }
}
