package org.coldwatch.sim.devices;

/**
 * The two CRC-8 variants our sensors use. Both use the polynomial x^8 + x^5 + x^4 + 1; they differ in bit order and
 * initial value, so they never agree.
 */
public final class Crc8 {

    /** Sensirion SHT3x-DIS datasheet, Table 20 "I2C CRC properties": polynomial 0x31, MSB first. */
    static final int SENSIRION_POLYNOMIAL = 0x31;
    /** Sensirion SHT3x-DIS datasheet, Table 20: initialisation 0xFF, no reflection, final XOR 0x00. */
    static final int SENSIRION_INIT = 0xFF;
    /**
     * Maxim DS18B20 datasheet, "CRC Generation" (and Maxim application note 27): the same polynomial shifted LSB
     * first, i.e. 0x31 bit-reversed = 0x8C, initial value 0.
     */
    static final int MAXIM_POLYNOMIAL_REFLECTED = 0x8C;

    private Crc8() {
    }

    /**
     * The checksum the SHT3x appends to every 16-bit word. Datasheet example: {@code sensirion(0xBE, 0xEF) == 0x92}.
     *
     * @param data the bytes to protect
     * @return the CRC, 0..255
     */
    public static int sensirion(byte... data) {
        int crc = SENSIRION_INIT;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ SENSIRION_POLYNOMIAL) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    /**
     * The Dallas/Maxim 1-Wire CRC over a ROM code or a scratchpad (Linux {@code w1_calc_crc8}). Running it over the
     * data and its own CRC byte gives 0.
     *
     * @param data   the buffer
     * @param length how many leading bytes to cover
     * @return the CRC, 0..255
     */
    public static int maxim(byte[] data, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            int in = data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                boolean mix = ((crc ^ in) & 1) != 0;
                crc >>>= 1;
                if (mix) {
                    crc ^= MAXIM_POLYNOMIAL_REFLECTED;
                }
                in >>>= 1;
            }
        }
        return crc;
    }
}
