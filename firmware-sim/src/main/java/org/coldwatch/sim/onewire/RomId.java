package org.coldwatch.sim.onewire;

import java.util.HexFormat;
import java.util.random.RandomGenerator;
import org.coldwatch.sim.devices.Crc8;

/**
 * A 1-Wire 64-bit ROM code (Maxim DS18B20 datasheet, "64-bit Lasered ROM Code"): family code in the least significant
 * byte, a 48-bit serial number, and a CRC of the first 56 bits in the most significant byte.
 *
 * @param family the family code, {@link #DS18B20_FAMILY} for a DS18B20
 * @param serial the 48-bit serial number
 */
public record RomId(int family, long serial) {

    /** DS18B20 datasheet, "64-bit Lasered ROM Code": the least significant byte is the family code, 28h. */
    public static final int DS18B20_FAMILY = 0x28;
    /** Width of the serial number field. */
    static final long SERIAL_MASK = (1L << 48) - 1;

    /** Validates the fields. */
    public RomId {
        if (family < 0 || family > 0xFF) {
            throw new IllegalArgumentException("family code is one byte, was " + family);
        }
        if ((serial & ~SERIAL_MASK) != 0) {
            throw new IllegalArgumentException("serial number is 48 bits, was " + Long.toHexString(serial));
        }
    }

    /**
     * A DS18B20 with this serial number.
     *
     * @param serial 48-bit serial number
     * @return the ROM code
     */
    public static RomId ds18b20(long serial) {
        return new RomId(DS18B20_FAMILY, serial);
    }

    /**
     * A DS18B20 with a random serial in the pattern genuine Maxim parts show ({@code 28-xx-xx-xx-xx-00-00-crc} on the
     * wire: the two most significant serial bytes zero; C. Petrich, "counterfeit_DS18B20", 2019-2024).
     *
     * @param random seeded source
     * @return the ROM code
     */
    public static RomId randomDs18b20(RandomGenerator random) {
        return ds18b20(random.nextLong(1L << 32));
    }

    /** The eight ROM bytes in wire order (LSB first): family, serial (6 bytes, LSB first), CRC. */
    public byte[] bytes() {
        byte[] rom = new byte[8];
        rom[0] = (byte) family;
        for (int i = 0; i < 6; i++) {
            rom[1 + i] = (byte) (serial >>> (8 * i));
        }
        rom[7] = (byte) Crc8.maxim(rom, 7);
        return rom;
    }

    /** The ROM CRC byte (DS18B20 datasheet, "CRC Generation"), 0..255. */
    public int crc() {
        return bytes()[7] & 0xFF;
    }

    /**
     * The kernel's name for this slave, {@code "%02x-%012llx"} of family and serial (Linux {@code drivers/w1/w1.c},
     * {@code w1_attach_slave_device}), e.g. {@code 28-0316a2795fff}: the name of its sysfs folder.
     */
    public String sysfsName() {
        return HexFormat.of().toHexDigits((byte) family) + "-" + String.format("%012x", serial);
    }
}
