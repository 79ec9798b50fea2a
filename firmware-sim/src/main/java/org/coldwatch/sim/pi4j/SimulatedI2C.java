package org.coldwatch.sim.pi4j;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import java.util.Arrays;
import java.util.Objects;

/**
 * An I2C device handle on a simulated bus. Method by method it issues the transfers {@code LinuxFsI2C} of
 * {@code pi4j-plugin-linuxfs} 2.8.0 issues (plain {@code write(2)}/{@code read(2)} for data, {@code I2C_RDWR} for
 * register reads, register writes as one write) and returns what it returns.
 */
final class SimulatedI2C extends I2CBase<SimulatedI2CBus> {

    SimulatedI2C(I2CProvider provider, I2CConfig config, SimulatedI2CBus bus) {
        super(provider, config, bus);
    }

    @Override
    public int write(byte b) {
        return write(new byte[] {b}, 0, 1);
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] bytes = Arrays.copyOfRange(data, offset, offset + length);
        return i2CBus.transfer(this, target -> {
            target.write(bytes);
            return length;
        });
    }

    @Override
    public int read() {
        return i2CBus.transfer(this, target -> target.read(1)[0] & 0xFF);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        byte[] bytes = i2CBus.transfer(this, target -> target.read(length));
        System.arraycopy(bytes, 0, buffer, offset, length);
        return length;
    }

    @Override
    public int readRegister(int register) {
        byte[] buffer = new byte[1];
        readRegister(new byte[] {(byte) register}, buffer, 0, 1);
        return buffer[0] & 0xFF;
    }

    @Override
    public int readRegister(int register, byte[] buffer, int offset, int length) {
        return readRegister(new byte[] {(byte) register}, buffer, offset, length);
    }

    @Override
    public int readRegister(byte[] register, byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        byte[] reg = register.clone();
        byte[] bytes = i2CBus.combined(this, target -> target.writeRead(reg, length));
        System.arraycopy(bytes, 0, buffer, offset, length);
        return length;
    }

    @Override
    public int writeRegister(int register, byte b) {
        return write(new byte[] {(byte) register, b}, 0, 2);
    }

    @Override
    public int writeRegister(int register, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] bytes = new byte[length + 1];
        bytes[0] = (byte) register;
        System.arraycopy(data, offset, bytes, 1, length);
        return write(bytes, 0, bytes.length);
    }

    @Override
    public int writeRegister(byte[] register, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] bytes = new byte[register.length + length];
        System.arraycopy(register, 0, bytes, 0, register.length);
        System.arraycopy(data, offset, bytes, register.length, length);
        return write(bytes, 0, bytes.length) - register.length;
    }
}
