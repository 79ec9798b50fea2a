package org.coldwatch.gateway.sensor.sht3x;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.sensor.DeviceHandle;
import org.coldwatch.gateway.sensor.Pi4jHandles;
import org.coldwatch.gateway.sensor.PolledSource;
import org.coldwatch.gateway.sensor.SensorCheck;
import org.coldwatch.gateway.sensor.SensorFault;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorKind;
import org.coldwatch.gateway.sensor.SensorParams;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.gateway.sensor.TemperatureHumiditySensor.Measurement;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;

/**
 * Kind {@code sht3x}: an SHT30/31/35 on an I2C bus, reporting {@code temperature} and {@code humidity} under the
 * sensor's id. Parameters: {@code bus} (default 1), {@code address} (0x44 default, or 0x45: datasheet "I2C device
 * addresses" table), {@code stuckAfter} (default 20).
 */
public final class Sht3xKind implements SensorKind {
    /** The kind's name. */
    public static final String NAME = "sht3x";

    /** How long {@code selftest --deep} heats. */
    static final Duration HEATER_CHECK = Duration.ofSeconds(5);
    /** Least rise that passes the heater check (our threshold, see {@link #heaterCheck}). */
    static final double HEATER_MIN_RISE_CELSIUS = 0.5;

    /** The parameters of one SHT3x entry. */
    record Settings(int bus, int address, int stuckAfter) {
        static Settings of(SensorSpec spec) {
            SensorParams p = new SensorParams(spec, Set.of("bus", "address", "stuckAfter"));
            int address = (int) p.integer("address", 0x44, 0x44, 0x45);
            return new Settings((int) p.integer("bus", 1, 0, 255), address, (int) p.integer("stuckAfter", 20, 0,
                    100_000));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(SensorSpec spec) {
        Settings.of(spec);
    }

    @Override
    public Map<String, String> claims(SensorSpec spec) {
        Settings s = Settings.of(spec);
        return Map.of(String.format("I2C bus %d address 0x%02x", s.bus(), s.address()), "address");
    }

    @Override
    public SensorSource create(SensorSpec spec, SensorContext ctx) {
        Settings s = Settings.of(spec);
        String id = "sht3x-" + spec.id();
        DeviceHandle<Sht3x> sensor = new DeviceHandle<>(String.format("I2C bus %d address 0x%02x", s.bus(),
                s.address()), () -> new Sht3x(Pi4jHandles.i2c(ctx.pi4j(), id, s.bus(), s.address()), spec.id(),
                s.stuckAfter(), ctx.pause()));
        return new PolledSource(spec.id(), NAME, now -> {
            Measurement m = sensor.get().measure();
            return List.of(Reading.of(spec.id(), ReadingKind.TEMPERATURE, round(m.celsius(), 100), now),
                    Reading.of(spec.id(), ReadingKind.HUMIDITY, round(m.relativeHumidityPercent(), 100), now));
        }, () -> List.of(heaterCheck(spec.id(), sensor)));
    }

    /**
     * Heats for {@link #HEATER_CHECK} and passes when the sensor reads at least {@link #HEATER_MIN_RISE_CELSIUS}
     * warmer. The datasheet (section 4.10) only says the heater raises the temperature by "a few degrees"; half a
     * degree is our threshold for "the heater and the sensing element respond", not a datasheet value.
     */
    static SensorCheck.Result heaterCheck(String id, DeviceHandle<Sht3x> sensor) {
        String name = id + "/heater";
        try {
            double rise = sensor.get().heaterRiseCelsius(HEATER_CHECK);
            boolean passed = rise >= HEATER_MIN_RISE_CELSIUS;
            return new SensorCheck.Result(name, NAME, passed, passed ? 1 : 0, 1,
                    String.format(Locale.ROOT, "+%.2f Cel", rise), passed ? "" : String.format(Locale.ROOT,
                    "heater on for %d s warmed the sensor by less than %.1f °C", HEATER_CHECK.toSeconds(),
                    HEATER_MIN_RISE_CELSIUS));
        } catch (SensorFault f) {
            return new SensorCheck.Result(name, NAME, false, 0, 1, "-", f.state() + ": " + f.getMessage());
        }
    }

    /** Rounds to 1/scale; the sensor's resolution is 0.01 °C / 0.01 %RH (Tables 1 and 2), more digits are noise. */
    static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
