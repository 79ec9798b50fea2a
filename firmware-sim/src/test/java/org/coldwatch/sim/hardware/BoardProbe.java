package org.coldwatch.sim.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;

/**
 * What a gateway in its own JVM does first: create a Pi4J context and read the SHT3x on bus 1 at 0x44. Run by {@link
 * SystemPropertyBoardSetupTest} in a child JVM; prints the temperature in °C.
 */
public final class BoardProbe {
    private BoardProbe() {
    }

    /** Entry point of the child JVM. */
    public static void main(String[] args) throws Exception {
        Context pi4j = Pi4J.newAutoContext();
        try {
            I2C sht3x = pi4j.create(I2C.newConfigBuilder(pi4j).id("sht3x").bus(1).device(0x44).build());
            sht3x.write(new byte[] {0x24, 0x00});
            byte[] data = new byte[6];
            for (int attempt = 0; ; attempt++) {
                try {
                    sht3x.read(data, 0, 6);
                    break;
                } catch (RuntimeException notYet) {
                    if (attempt > 100) {
                        throw notYet;
                    }
                    Thread.sleep(5); // the datasheet's measurement time, as a driver waits it out
                }
            }
            System.out.println(-45 + 175.0 * ((data[0] & 0xFF) << 8 | data[1] & 0xFF) / 65535);
        } finally {
            pi4j.shutdown();
        }
    }
}
