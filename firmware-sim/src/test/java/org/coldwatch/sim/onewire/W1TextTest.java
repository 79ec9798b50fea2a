package org.coldwatch.sim.onewire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class W1TextTest {

    private static final Scratchpad NEVER_READ = Scratchpad.ofBytes(new byte[9]);

    @Test
    void formatsAConversionExactlyAsW1ThermPrintsIt() {
        Scratchpad read = Scratchpad.converted(23.125);

        assertThat(W1Text.w1Slave(read, read)).isEqualTo("""
                72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
                72 01 4b 46 7f ff 0e 10 57 t=23125
                """);
    }

    @Test
    void powerOnResetScratchpadReads85000WithAValidCrc() {
        Scratchpad reset = Scratchpad.powerOnReset();

        assertThat(W1Text.w1Slave(reset, reset)).isEqualTo("""
                50 05 4b 46 7f ff 0c 10 1c : crc=1c YES
                50 05 4b 46 7f ff 0c 10 1c t=85000
                """);
    }

    @Test
    void crcMismatchSaysNoShowsTheLastGoodBytesAndStillComputesT() {
        Scratchpad good = Scratchpad.converted(23.125);
        Scratchpad flipped = good.withFlipped(0, 0x01);

        assertThat(W1Text.w1Slave(flipped, good)).isEqualTo("""
                73 01 4b 46 7f ff 0e 10 57 : crc=%02x NO
                72 01 4b 46 7f ff 0e 10 57 t=23187
                """.formatted(flipped.computedCrc()));
        assertThat(W1Text.w1Slave(flipped, NEVER_READ)).contains("00 00 00 00 00 00 00 00 00 t=23187");
    }

    @Test
    void negativeTemperaturesTruncateTowardZeroLikeC() {
        assertThat(W1Text.millidegrees(Scratchpad.converted(-10.125))).isEqualTo(-10125);
        assertThat(W1Text.millidegrees(Scratchpad.converted(-0.0625))).isEqualTo(-62);
        assertThat(Scratchpad.converted(-10.125).bytes()[0]).isEqualTo((byte) 0x5E);
        assertThat(Scratchpad.converted(-10.125).bytes()[1]).isEqualTo((byte) 0xFF);
    }

    @Test
    void roundsToTheTwelveBitResolutionAndClampsToTheRange() {
        assertThat(W1Text.millidegrees(Scratchpad.converted(21.37))).isEqualTo(21375);
        assertThat(W1Text.millidegrees(Scratchpad.converted(200))).isEqualTo(125000);
        assertThat(W1Text.millidegrees(Scratchpad.converted(-80))).isEqualTo(-55000);
    }

    @Test
    void byteSixFollowsGenuinePartsAfterAConversion() {
        for (double celsius : new double[] {0, 0.0625, 4.5, -3.3, 85}) {
            byte[] bytes = Scratchpad.converted(celsius).bytes();
            assertThat((bytes[0] + bytes[6]) & 0x0F).isZero();
            assertThat(bytes[6]).isBetween((byte) 1, (byte) 0x10);
        }
    }

    @Test
    void allOnesFailTheCrcAndReadMinus62() {
        Scratchpad ones = Scratchpad.ofBytes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1});

        assertThat(W1Text.w1Slave(ones, NEVER_READ)).isEqualTo("""
                ff ff ff ff ff ff ff ff ff : crc=c9 NO
                00 00 00 00 00 00 00 00 00 t=-62
                """);
    }

    @Test
    void listsSlavesOnePerLineOrNotFound() {
        assertThat(W1Text.masterSlaves(List.of())).isEqualTo("not found.\n");
        assertThat(W1Text.masterSlaves(List.of("28-000000000001", "28-000000000002")))
                .isEqualTo("28-000000000001\n28-000000000002\n");
    }
}
