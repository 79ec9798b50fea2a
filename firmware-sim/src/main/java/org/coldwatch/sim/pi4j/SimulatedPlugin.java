package org.coldwatch.sim.pi4j;

import com.pi4j.extension.Plugin;
import com.pi4j.extension.PluginService;

/**
 * The Pi4J plugin that puts {@link SimulatedHardware} where the Raspberry Pi's buses would be. Pi4J finds it through
 * {@code META-INF/services/com.pi4j.extension.Plugin} whenever {@code firmware-sim} is on the classpath, and
 * {@code Pi4J.newAutoContext()} then uses its I2C, digital input and digital output providers.
 *
 * <p>How it wins, checked against Pi4J 2.8.0's {@code DefaultRuntime}: an auto-detecting context keeps one provider per
 * I/O type, the one with the highest {@code getPriority()}; ours report {@value #PROVIDER_PRIORITY}, above
 * {@code pi4j-plugin-mock} (1000) and {@code pi4j-plugin-linuxfs} (at most 150), so a gateway test that also has the
 * mock plugin on its classpath still talks to the simulation. The plugin also registers a platform whose priority
 * ({@link SimulatedPlatform#PRIORITY}) beats the mock platform (-1000) and the Raspberry Pi platform (5), making it the
 * context's default platform. It reports {@link #isMock()} {@code false} so it also loads when Pi4J believes it runs on
 * a Raspberry Pi (where mock plugins are skipped): firmware-sim on the classpath means simulated hardware.
 */
public final class SimulatedPlugin implements Plugin {

    /** Priority of every provider of this plugin. */
    public static final int PROVIDER_PRIORITY = 2000;
    /** Id of the I2C provider, usable in an {@code I2CConfig}'s {@code provider(...)}. */
    public static final String I2C_PROVIDER_ID = "coldwatch-sim-i2c";
    /** Id of the digital input provider. */
    public static final String DIGITAL_INPUT_PROVIDER_ID = "coldwatch-sim-digital-input";
    /** Id of the digital output provider. */
    public static final String DIGITAL_OUTPUT_PROVIDER_ID = "coldwatch-sim-digital-output";
    /** Id of the platform. */
    public static final String PLATFORM_ID = "coldwatch-sim-platform";

    /** Called by {@link java.util.ServiceLoader}. */
    public SimulatedPlugin() {
        // stateless: the wiring lives in SimulatedHardware
    }

    @Override
    public void initialize(PluginService service) {
        service.register(new SimulatedPlatform())
                .register(new SimulatedI2CProvider(SimulatedHardware.wiring()),
                        new SimulatedDigitalInputProvider(SimulatedHardware.wiring(), SimulatedHardware.edges()),
                        new SimulatedDigitalOutputProvider(SimulatedHardware.wiring()));
        java.util.ServiceLoader.load(BoardSetup.class, SimulatedPlugin.class.getClassLoader())
                .forEach(BoardSetup::wireBoard);
    }
}
