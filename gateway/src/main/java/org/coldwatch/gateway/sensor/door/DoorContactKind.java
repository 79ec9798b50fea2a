package org.coldwatch.gateway.sensor.door;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coldwatch.gateway.config.SensorSpec;
import org.coldwatch.gateway.sensor.DeviceHandle;
import org.coldwatch.gateway.sensor.DoorSensor;
import org.coldwatch.gateway.sensor.Pi4jHandles;
import org.coldwatch.gateway.sensor.SensorContext;
import org.coldwatch.gateway.sensor.SensorKind;
import org.coldwatch.gateway.sensor.SensorParams;
import org.coldwatch.gateway.sensor.SensorSource;

/**
 * Kind {@code door-contact}: a door's reed contact on a GPIO input, reporting {@code door} (1 open / 0 closed) on
 * every debounced change and {@code door-open-duration} (s) on closing. Parameters: {@code pin} (BCM, required),
 * {@code debounceMillis} (default 50), {@code pollMillis} (default 20), {@code pull} ({@code up} default, {@code down},
 * {@code off}), {@code openWhen} ({@code high} default, {@code low}).
 */
public final class DoorContactKind implements SensorKind {
    /** The kind's name. */
    public static final String NAME = "door-contact";

    /** The parameters of one door entry. */
    record Settings(int pin, Duration debounce, Duration poll, PullResistance pull, boolean openWhenHigh) {
        static Settings of(SensorSpec spec) {
            SensorParams p = new SensorParams(spec, Set.of("pin", "debounceMillis", "pollMillis", "pull",
                    "openWhen"));
            PullResistance pull = switch (p.oneOf("pull", "up", List.of("up", "down", "off"))) {
                case "down" -> PullResistance.PULL_DOWN;
                case "off" -> PullResistance.OFF;
                default -> PullResistance.PULL_UP;
            };
            return new Settings((int) p.requiredInteger("pin", 0, 27),
                    Duration.ofMillis(p.integer("debounceMillis", 50, 1, 10_000)),
                    Duration.ofMillis(p.integer("pollMillis", 20, 1, 1_000)), pull,
                    p.oneOf("openWhen", "high", List.of("high", "low")).equals("high"));
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
        return Map.of("GPIO " + s.pin(), "pin");
    }

    @Override
    public SensorSource create(SensorSpec spec, SensorContext ctx) {
        Settings s = Settings.of(spec);
        DeviceHandle<DoorSensor> contact = new DeviceHandle<>("GPIO " + s.pin(), () -> {
            DigitalInput input = Pi4jHandles.input(ctx.pi4j(), "door-" + spec.id(), s.pin(), s.pull());
            return new GpioDoorContact(input, spec.id(), s.debounce(), s.poll(), s.openWhenHigh(), ctx.clock(),
                    System::nanoTime);
        });
        return new DoorContactSource(spec.id(), NAME, contact, ctx.clock());
    }
}
