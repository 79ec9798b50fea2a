package org.coldwatch.sim.pi4j;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CBusBase;
import com.pi4j.io.i2c.I2CConfig;
import java.util.concurrent.Callable;
import org.coldwatch.sim.devices.I2cNackException;
import org.coldwatch.sim.devices.I2cTarget;

/**
 * One simulated I2C bus: serialises transfers with {@link I2CBusBase}'s lock and wraps failures exactly as
 * {@code LinuxFsI2CBus} of {@code pi4j-plugin-linuxfs} 2.8.0 does, so a NACK reaches the driver as
 * {@code Pi4JException("Failed to execute action for device <addr> on bus <n>")} caused by a
 * {@code Pi4JException} with the same message (combined register reads: {@code "Failed to execute ioctl for device
 * ..."}) caused by an {@link java.io.IOException} {@code "Remote I/O error"} ({@link I2cNackException}).
 */
final class SimulatedI2CBus extends I2CBusBase {

    /** One transfer against the target at the I2C's address. */
    @FunctionalInterface
    interface Transfer<R> {
        R apply(I2cTarget target) throws I2cNackException;
    }

    private final Wiring wiring;

    SimulatedI2CBus(I2CConfig config, Wiring wiring) {
        super(config);
        this.wiring = wiring;
    }

    @Override
    public <R> R execute(I2C i2c, Callable<R> action) {
        return _execute(i2c, () -> {
            try {
                return action.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new Pi4JException(failed("action", i2c), e);
            }
        });
    }

    /** A plain read or write, as {@code LinuxFsI2CBus.execute(I2C, CheckedFunction)}. */
    <R> R transfer(I2C i2c, Transfer<R> transfer) {
        return run(i2c, transfer, "action");
    }

    /** A repeated-START write-then-read, as {@code LinuxFsI2CBus.executeIOCTL} with {@code I2C_RDWR}. */
    <R> R combined(I2C i2c, Transfer<R> transfer) {
        return run(i2c, transfer, "ioctl");
    }

    private <R> R run(I2C i2c, Transfer<R> transfer, String what) {
        return _execute(i2c, () -> {
            try {
                return transfer.apply(wiring.i2cTarget(this.bus, i2c.device()));
            } catch (I2cNackException e) {
                throw new Pi4JException(failed(what, i2c), e);
            }
        });
    }

    private String failed(String what, I2C i2c) {
        return "Failed to execute " + what + " for device " + i2c.device() + " on bus " + this.bus;
    }
}
