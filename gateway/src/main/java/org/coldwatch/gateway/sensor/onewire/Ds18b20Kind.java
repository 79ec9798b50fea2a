package org.coldwatch.gateway.sensor.onewire;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.sensor.PolledSource;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorKind;
import org.coldwatch.gateway.sensor.SensorParams;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;

/**
 * Kind {@code ds18b20}: one DS18B20 probe on the Linux 1-Wire bus, reporting {@code temperature}. Parameters:
 * {@code romId} (required, the sysfs folder name {@code 28-xxxxxxxxxxxx}), {@code root} (default
 * {@code /sys/bus/w1/devices}).
 */
public final class Ds18b20Kind implements SensorKind {
    /** The kind's name. */
    public static final String NAME = "ds18b20";

    /** The parameters of one probe entry. */
    record Settings(String romId, Path root) {
        static Settings of(SensorSpec spec) {
            SensorParams p = new SensorParams(spec, Set.of("romId", "root"));
            String romId = p.requiredString("romId");
            if (!Ds18b20.SLAVE_NAME.matcher(romId).matches() || !romId.startsWith(Ds18b20.FAMILY + "-")) {
                throw p.bad("romId", "must be a DS18B20 sysfs name 28-xxxxxxxxxxxx (12 lower-case hex digits), was '"
                        + romId + "'");
            }
            return new Settings(romId, p.path("root", Ds18b20.DEFAULT_ROOT));
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
        return Map.of("1-Wire probe " + s.root().resolve(s.romId()), "romId");
    }

    @Override
    public SensorSource create(SensorSpec spec, SensorContext ctx) {
        Settings s = Settings.of(spec);
        Ds18b20 probe = new Ds18b20(s.root(), s.romId());
        return new PolledSource(spec.id(), NAME,
                now -> List.of(Reading.of(spec.id(), ReadingKind.TEMPERATURE, probe.celsius(), now)));
    }
}
