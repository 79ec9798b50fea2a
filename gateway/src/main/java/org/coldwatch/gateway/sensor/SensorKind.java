package org.coldwatch.gateway.sensor;

import java.util.Map;
import org.coldwatch.gateway.config.SensorSpec;

/**
 * A kind of sensor the gateway can read: the extension point for new hardware. Implementations are found with
 * {@link java.util.ServiceLoader}, so a new kind (an RS-485 Modbus probe, say) is one jar on the class path holding
 * the class and a {@code META-INF/services/org.coldwatch.gateway.sensor.SensorKind} file naming it; the sampler, the
 * outbox and the CLI do not change.
 *
 * <p>Built in: {@code sht3x}, {@code ds18b20}, {@code hx711}, {@code door-contact}. Implementations need a public
 * no-argument constructor and must be stateless.
 */
public interface SensorKind {

    /** The name used as {@code kind:} in the configuration, e.g. {@code sht3x}. Unique among all kinds. */
    String name();

    /**
     * Checks {@code spec}'s parameters without touching hardware.
     *
     * @throws org.coldwatch.gateway.config.ConfigException naming {@code sensors[i].param} for the first bad one
     */
    void validate(SensorSpec spec);

    /**
     * The hardware this sensor uses exclusively, so that two entries cannot claim the same pin, address or probe. Keys
     * name the resource ({@code GPIO 17}, {@code I2C bus 1 address 0x44}), values the parameter that claims it.
     * Called after {@link #validate}; none by default.
     */
    default Map<String, String> claims(SensorSpec spec) {
        return Map.of();
    }

    /**
     * Builds the source that reads this sensor.
     *
     * @param spec the configuration entry; its kind is {@link #name()}
     * @param ctx  the gateway's shared hardware access and clock
     * @return a source, not yet started
     * @throws org.coldwatch.gateway.config.ConfigException naming {@code sensors[i].param} for a bad parameter
     */
    SensorSource create(SensorSpec spec, SensorContext ctx);
}
