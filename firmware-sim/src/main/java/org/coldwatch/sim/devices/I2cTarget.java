package org.coldwatch.sim.devices;

/**
 * A device on a simulated I2C bus, seen at the level of whole transfers.
 *
 * <p>One call is one transfer between START and STOP (NXP UM10204 "I2C-bus specification", section 3.1): the address
 * byte is implied by where the target is attached. A target that does not acknowledge its address (or a byte) throws
 * {@link I2cNackException}, which the Pi4J layer turns into the same exception chain the Linux I2C provider raises.
 * Implementations must be thread-safe: the gateway's reader thread and a test may talk to the same target.
 */
public interface I2cTarget {

    /**
     * A write transfer: {@code START, address+W, data..., STOP}.
     *
     * @param data the bytes after the address byte; an empty array is an address-only probe
     * @throws I2cNackException when the target does not acknowledge
     */
    void write(byte[] data) throws I2cNackException;

    /**
     * A read transfer: {@code START, address+R, length bytes from the target, STOP}.
     *
     * @param length how many bytes the master clocks in
     * @return exactly {@code length} bytes; bytes past what the target drives read as {@code 0xFF} (pulled-up SDA)
     * @throws I2cNackException when the target does not acknowledge the read header
     */
    byte[] read(int length) throws I2cNackException;

    /**
     * A combined transfer with a repeated START, as Linux {@code ioctl(I2C_RDWR)} issues for register reads
     * (Linux {@code Documentation/i2c/dev-interface.rst}).
     *
     * @param data    bytes written first
     * @param length  bytes read after the repeated START
     * @return the bytes read
     * @throws I2cNackException when either part is not acknowledged
     */
    default byte[] writeRead(byte[] data, int length) throws I2cNackException {
        write(data);
        return read(length);
    }
}
