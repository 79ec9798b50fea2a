package org.coldwatch.sim.devices;

import java.io.IOException;

/**
 * A simulated I2C target did not acknowledge its address (or a byte), as a real bus reports a NACK.
 *
 * <p>On Linux a NACK makes the {@code read(2)}/{@code write(2)}/{@code ioctl(I2C_RDWR)} call on {@code /dev/i2c-N} fail
 * with {@code EREMOTEIO} (errno 121), which Java surfaces as an {@link IOException} whose message is the C library's
 * {@code strerror(121)}: {@value #MESSAGE}. This exception carries exactly that message so a driver that inspects it
 * sees what it would see on a Raspberry Pi; why the simulated device refused is in {@link #reason()} for logs and
 * tests.
 */
public final class I2cNackException extends IOException {

    /** {@code strerror(EREMOTEIO)} on glibc and musl (Linux {@code include/uapi/asm-generic/errno.h}: 121). */
    public static final String MESSAGE = "Remote I/O error";

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * A NACK.
     *
     * @param reason why the simulated target did not answer (not part of {@link #getMessage()})
     */
    public I2cNackException(String reason) {
        super(MESSAGE);
        this.reason = reason;
    }

    /** Why the simulated target did not answer, e.g. {@code "measurement in progress"}. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + MESSAGE + " (" + reason + ")";
    }
}
