package org.coldwatch.gateway.sensor.hx711;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.sensor.DeviceHandle;
import org.coldwatch.gateway.sensor.Pi4jHandles;
import org.coldwatch.gateway.sensor.PolledSource;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorKind;
import org.coldwatch.gateway.sensor.SensorParams;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;

/**
 * Kind {@code hx711}: a load cell behind an HX711 on two GPIO pins, reporting {@code weight}. Parameters:
 * {@code clockPin} and {@code dataPin} (BCM numbers, required), {@code gain} ({@code a128} default, {@code b32},
 * {@code a64}), {@code samples} (default 5), {@code tareOffsetCounts} (default 0), {@code kgPerCount} (required),
 * {@code readyTimeoutMillis} (default 1000), {@code stuckAfter} (default 0 = off).
 */
public final class Hx711Kind implements SensorKind {
    /** The kind's name. */
    public static final String NAME = "hx711";
    /** Highest BCM GPIO number on a Raspberry Pi header. */
    static final int MAX_BCM = 27;

    /** The parameters of one HX711 entry. */
    record Settings(int clockPin, int dataPin, Hx711Gain gain, int samples, LoadCellCalibration calibration,
                    Duration readyTimeout, int stuckAfter) {
        static Settings of(SensorSpec spec) {
            SensorParams p = new SensorParams(spec, Set.of("clockPin", "dataPin", "gain", "samples",
                    "tareOffsetCounts", "kgPerCount", "readyTimeoutMillis", "stuckAfter"));
            int clock = (int) p.requiredInteger("clockPin", 0, MAX_BCM);
            int data = (int) p.requiredInteger("dataPin", 0, MAX_BCM);
            if (clock == data) {
                throw p.bad("dataPin", "must differ from clockPin, both are " + clock);
            }
            Hx711Gain gain = Hx711Gain.ofConfigName(p.oneOf("gain", "a128", List.of("a128", "b32", "a64")));
            if (!spec.params().containsKey("kgPerCount")) {
                throw p.bad("kgPerCount", "missing (required for kind hx711): weigh a known mass to find it");
            }
            double factor = p.decimal("kgPerCount", 0, -1e3, 1e3);
            if (factor == 0) {
                throw p.bad("kgPerCount", "must not be 0");
            }
            double offset = p.decimal("tareOffsetCounts", 0, -8_388_608, 8_388_607);
            return new Settings(clock, data, gain, (int) p.integer("samples", 5, 1, 100),
                    new LoadCellCalibration(offset, factor),
                    Duration.ofMillis(p.integer("readyTimeoutMillis", 1000, 100, 60_000)),
                    (int) p.integer("stuckAfter", 0, 0, 100_000));
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
        return Map.of("GPIO " + s.clockPin(), "clockPin", "GPIO " + s.dataPin(), "dataPin");
    }

    @Override
    public SensorSource create(SensorSpec spec, SensorContext ctx) {
        Settings s = Settings.of(spec);
        DeviceHandle<Hx711> cell = new DeviceHandle<>("GPIO " + s.clockPin() + "/" + s.dataPin(),
                () -> driver(spec, ctx));
        return new PolledSource(spec.id(), NAME, now -> List.of(Reading.of(spec.id(), ReadingKind.WEIGHT,
                Math.round(cell.get().massKg() * 1000) / 1000.0, now)));
    }

    /**
     * The driver for one configured HX711, its pins claimed in {@code ctx}'s Pi4J context; {@code scan} uses it to
     * show raw counts for calibration.
     *
     * @throws org.coldwatch.gateway.config.ConfigException naming a bad {@code sensors[i].key}
     */
    public static Hx711 driver(SensorSpec spec, SensorContext ctx) {
        Settings s = Settings.of(spec);
        Context pi4j = ctx.pi4j();
        DigitalOutput clock = Pi4jHandles.output(pi4j, "hx711-sck-" + spec.id(), s.clockPin());
        DigitalInput data = Pi4jHandles.input(pi4j, "hx711-dout-" + spec.id(), s.dataPin(), PullResistance.OFF);
        return new Hx711(clock, data, s.gain(), s.samples(), s.calibration(), DriftCompensation.NONE,
                s.readyTimeout(), s.stuckAfter(), ctx.pause());
    }
}
