package org.coldwatch.gateway.sensor.sht3x;

/**
 * The checksum the SHT3x appends to every 16-bit word (Sensirion SHT3x-DIS datasheet v5, section 4.12, Table 20:
 * CRC-8, polynomial 0x31 = x^8 + x^5 + x^4 + 1, initialisation 0xFF, no reflection, final XOR 0x00; example
 * {@code 0xBEEF → 0x92}).
 */
final class Sht3xCrc {
    /** Table 20: polynomial. */
    static final int POLYNOMIAL = 0x31;
    /** Table 20: initialisation. */
    static final int INIT = 0xFF;

    private Sht3xCrc() {
    }

    /** CRC of the word {@code msb, lsb}. */
    static int of(int msb, int lsb) {
        int crc = INIT;
        for (int b : new int[] {msb & 0xFF, lsb & 0xFF}) {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ POLYNOMIAL) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    /** Whether {@code bytes[offset..offset+2]} is a word followed by its correct CRC. */
    static boolean valid(byte[] bytes, int offset) {
        return of(bytes[offset], bytes[offset + 1]) == (bytes[offset + 2] & 0xFF);
    }

    /** The 16-bit word at {@code offset}, MSB first. */
    static int word(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF;
    }
}
