package org.coldwatch.sim.onewire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.coldwatch.sim.devices.Crc8;
import org.junit.jupiter.api.Test;

class RomIdTest {

    @Test
    void namesTheSlaveFolderAsTheKernelDoes() {
        RomId id = RomId.ds18b20(0x0316A2795FFFL);

        assertThat(id.sysfsName()).isEqualTo("28-0316a2795fff");
    }

    @Test
    void putsFamilySerialLsbFirstAndCrcOnTheWire() {
        // Maxim application note 27's example ROM: family 02h, serial 0000 0001 B81Ch, CRC A2h
        RomId example = new RomId(0x02, 0x0000_0001_B81CL);

        assertThat(HexFormat.of().formatHex(example.bytes())).isEqualTo("021cb801000000a2");
    }

    @Test
    void ds18b20RomCodesCarryFamily28AndAValidCrc() {
        byte[] rom = RomId.randomDs18b20(new SplittableRandom(3)).bytes();

        assertThat(rom[0]).isEqualTo((byte) 0x28);
        assertThat(rom[5]).isZero();
        assertThat(rom[6]).isZero();
        assertThat(Crc8.maxim(rom, 8)).isZero();
    }

    @Test
    void rejectsSerialsWiderThan48Bits() {
        assertThatThrownBy(() -> RomId.ds18b20(1L << 48)).isInstanceOf(IllegalArgumentException.class);
    }
}
