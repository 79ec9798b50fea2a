package org.coldwatch.sim.onewire;

import java.util.List;

/**
 * The text the Linux w1 subsystem shows in sysfs, byte for byte.
 *
 * <p>{@code w1_slave} (Linux {@code drivers/w1/slaves/w1_therm.c}, {@code w1_slave_show}; format documented in
 * {@code Documentation/w1/slaves/w1_therm.rst}): line one is the nine scratchpad bytes just read, each as
 * {@code "%02x "}, then {@code ": crc=%02x YES|NO"} where the number is the CRC the kernel computed over bytes 0..7
 * and YES means it equals byte 8; line two is the nine bytes of the last scratchpad that passed the check (all zeros
 * until one did), then {@code "t=%d"}: the millidegrees computed from the bytes just read, even when the CRC failed,
 * as {@code (s16) raw * 1000 / 16} with C's truncating division ({@code w1_DS18B20_convert_temp}).
 */
final class W1Text {

    /** What {@code w1_master_slaves} shows when the bus has no slave ({@code drivers/w1/w1.c}). */
    static final String NO_SLAVES = "not found.\n";

    private W1Text() {
    }

    /** The two-line {@code w1_slave} text. */
    static String w1Slave(Scratchpad read, Scratchpad lastGood) {
        return hex(read.bytes()) + String.format(": crc=%02x %s", read.computedCrc(), read.crcValid() ? "YES" : "NO")
                + "\n" + hex(lastGood.bytes()) + "t=" + millidegrees(read) + "\n";
    }

    /** {@code w1_DS18B20_convert_temp}: 12-bit two's complement, LSB 1/16 °C, to millidegrees, truncated. */
    static int millidegrees(Scratchpad scratchpad) {
        return scratchpad.rawTemperature() * 1000 / 16;
    }

    /** {@code w1_master_slaves}: one name per line, or {@link #NO_SLAVES}. */
    static String masterSlaves(List<String> names) {
        if (names.isEmpty()) {
            return NO_SLAVES;
        }
        StringBuilder text = new StringBuilder();
        names.forEach(name -> text.append(name).append('\n'));
        return text.toString();
    }

    /** Each byte as {@code "%02x "}, trailing space included, as the kernel prints them. */
    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            text.append(String.format("%02x ", b & 0xFF));
        }
        return text.toString();
    }
}
