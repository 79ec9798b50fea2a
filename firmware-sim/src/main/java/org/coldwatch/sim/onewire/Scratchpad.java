package org.coldwatch.sim.onewire;

import java.util.Arrays;
import org.coldwatch.sim.devices.Crc8;

/**
 * The nine bytes a DS18B20 returns to READ SCRATCHPAD [BEh] (Maxim DS18B20 datasheet, figure "DS18B20 Memory Map"):
 * temperature LSB and MSB, TH, TL, configuration, three reserved bytes, CRC. Immutable.
 */
public final class Scratchpad {

    /** DS18B20 datasheet, "Operation — Measuring Temperature": at 12-bit resolution one LSB is 2^-4 = 0.0625 °C. */
    public static final double RESOLUTION_CELSIUS = 0.0625;
    /** DS18B20 datasheet, "Overview": measures -55 °C to +125 °C. */
    public static final double MIN_CELSIUS = -55;
    /** DS18B20 datasheet, "Overview": measures -55 °C to +125 °C. */
    public static final double MAX_CELSIUS = 125;
    /** DS18B20 datasheet, Table 1 "Temperature/Data Relationship": the power-on reset value, +85 °C = 0550h. */
    static final int POWER_ON_RAW = 0x0550;
    /**
     * TH and TL: user EEPROM bytes (datasheet memory map: "power-up state depends on value(s) in EEPROM"); 4Bh / 46h is
     * what Maxim parts ship with, as seen in the ubiquitous power-on scratchpad {@code 50 05 4b 46 7f ff 0c 10 1c}.
     */
    static final int TH_DEFAULT = 0x4B;
    /** See {@link #TH_DEFAULT}. */
    static final int TL_DEFAULT = 0x46;
    /** DS18B20 datasheet, "Configuration Register" and Table 2: 0 R1 R0 1 1 1 1 1 with R1 = R0 = 1 is 12-bit. */
    static final int CONFIG_12_BIT = 0x7F;
    /** DS18B20 datasheet, memory map: byte 5 reserved, FFh. */
    static final int RESERVED_5 = 0xFF;
    /**
     * Byte 6 is "reserved" in the datasheet. Genuine parts read 0Ch after power-up and 10h - (LSB &amp; 0Fh) after a
     * 12-bit conversion (C. Petrich, "counterfeit_DS18B20"); Linux's optional {@code check_result} feature of
     * {@code w1_therm} relies on the 0Ch to spot a power-on value.
     */
    static final int RESERVED_6_POWER_ON = 0x0C;
    /** DS18B20 datasheet, memory map: byte 7 reserved, 10h. */
    static final int RESERVED_7 = 0x10;

    private final byte[] bytes;

    private Scratchpad(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The scratchpad after a 12-bit conversion at this temperature, rounded to the resolution and clamped to the
     * measuring range.
     *
     * @param celsius the probe's temperature
     * @return the scratchpad with a valid CRC
     */
    public static Scratchpad converted(double celsius) {
        if (Double.isNaN(celsius)) {
            throw new IllegalArgumentException("temperature is NaN");
        }
        double clamped = Math.max(MIN_CELSIUS, Math.min(MAX_CELSIUS, celsius));
        int raw = (int) Math.round(clamped / RESOLUTION_CELSIUS);
        return of(raw, 0x10 - (raw & 0x0F));
    }

    /** The power-on reset scratchpad: +85 °C, {@code 50 05 4b 46 7f ff 0c 10 1c}. */
    public static Scratchpad powerOnReset() {
        return of(POWER_ON_RAW, RESERVED_6_POWER_ON);
    }

    /**
     * Nine bytes as a master would receive them, CRC byte included as given (it may be wrong).
     *
     * @param nine the bytes
     * @return the scratchpad
     */
    public static Scratchpad ofBytes(byte[] nine) {
        if (nine.length != 9) {
            throw new IllegalArgumentException("a scratchpad has 9 bytes, not " + nine.length);
        }
        return new Scratchpad(nine.clone());
    }

    private static Scratchpad of(int raw, int reserved6) {
        byte[] b = {(byte) raw, (byte) (raw >>> 8), (byte) TH_DEFAULT, (byte) TL_DEFAULT, (byte) CONFIG_12_BIT,
            (byte) RESERVED_5, (byte) reserved6, (byte) RESERVED_7, 0};
        b[8] = (byte) Crc8.maxim(b, 8);
        return new Scratchpad(b);
    }

    /** A copy of the nine bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The same bytes with {@code mask} XORed into byte {@code index}: a bit error on the wire. */
    public Scratchpad withFlipped(int index, int mask) {
        byte[] b = bytes.clone();
        b[index] ^= (byte) mask;
        return new Scratchpad(b);
    }

    /** The CRC over bytes 0..7, as Linux computes it ({@code w1_calc_crc8(rom, 8)}). */
    public int computedCrc() {
        return Crc8.maxim(bytes, 8);
    }

    /** Whether byte 8 matches the computed CRC (the kernel's "YES"). */
    public boolean crcValid() {
        return computedCrc() == (bytes[8] & 0xFF);
    }

    /** The signed 16-bit temperature register. */
    public int rawTemperature() {
        return (short) ((bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scratchpad that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return W1Text.hex(bytes).strip();
    }
}
