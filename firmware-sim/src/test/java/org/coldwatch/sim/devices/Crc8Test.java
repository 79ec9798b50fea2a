package org.coldwatch.sim.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Crc8Test {

    private static byte[] hex(String text) {
        return HexFormat.ofDelimiter(" ").parseHex(text);
    }

    @Test
    void sensirionCrcMatchesTheDatasheetExample() {
        // SHT3x-DIS datasheet, Table 20: CRC (0xBEEF) = 0x92
        assertThat(Crc8.sensirion((byte) 0xBE, (byte) 0xEF)).isEqualTo(0x92);
    }

    @Test
    void maximCrcMatchesScratchpadsPrintedByTheKernel() {
        assertThat(Crc8.maxim(hex("72 01 4b 46 7f ff 0e 10"), 8)).isEqualTo(0x57);
        assertThat(Crc8.maxim(hex("50 05 4b 46 7f ff 0c 10"), 8)).isEqualTo(0x1C);
    }

    @Test
    void maximCrcMatchesTheApplicationNoteRomExample() {
        // Maxim application note 27: family 02h, serial 0000 0001 B81Ch, CRC A2h
        assertThat(Crc8.maxim(hex("02 1c b8 01 00 00 00"), 7)).isEqualTo(0xA2);
    }

    @Test
    void maximCrcOverDataAndItsCrcIsZero() {
        assertThat(Crc8.maxim(hex("72 01 4b 46 7f ff 0e 10 57"), 9)).isZero();
    }

    @Test
    void theTwoVariantsDisagree() {
        byte[] data = hex("be ef");
        assertThat(Crc8.maxim(data, 2)).isNotEqualTo(Crc8.sensirion(data));
    }
}
