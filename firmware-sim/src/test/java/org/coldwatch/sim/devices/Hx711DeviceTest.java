package org.coldwatch.sim.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class Hx711DeviceTest {

    private static final LoadCellModel CELL = new LoadCellModel(-1000, 20_000, 0);

    private final FakeNanos clock = new FakeNanos();
    private final AtomicReference<Double> massKg = new AtomicReference<>(0.0);
    private final DeviceFaults faults = new DeviceFaults();

    private Hx711Device chip(LoadCellModel cell, Hx711Rate rate, long seed) {
        return new Hx711Device(massKg::get, cell, rate, new SplittableRandom(seed), clock, faults);
    }

    private final Hx711Device hx = chip(CELL, Hx711Rate.SPS_10, 1);

    /** One PD_SCK pulse of 1 µs high, 1 µs low; returns DOUT sampled while the clock is high. */
    private boolean pulse(Hx711Device device) {
        device.clock(true);
        clock.advanceMicros(1);
        boolean bit = device.dataHigh();
        device.clock(false);
        clock.advanceMicros(1);
        return bit;
    }

    /** A driver's readout: 24 data pulses MSB first, then the selection pulses; returns the sign-extended value. */
    private int readout(Hx711Device device, int totalPulses) {
        int value = 0;
        for (int i = 0; i < 24; i++) {
            value = value << 1 | (pulse(device) ? 1 : 0);
        }
        for (int i = 24; i < totalPulses; i++) {
            pulse(device);
        }
        return value << 8 >> 8;
    }

    private void settle() {
        clock.advance(Hx711Rate.SPS_10.settling());
    }

    @Test
    void doutStaysHighUntilTheSettlingTimeAfterPowerUp() {
        clock.advance(Duration.ofMillis(399));
        assertThat(hx.dataHigh()).isTrue();

        clock.advance(Duration.ofMillis(1));
        assertThat(hx.dataHigh()).isFalse();
    }

    @Test
    void shiftsOutTwentyFourBitsMsbFirstInTwosComplement() {
        settle();

        assertThat(readout(hx, 25)).isEqualTo(-1000);
        massKg.set(2.5);
        clock.advance(Duration.ofMillis(100));
        assertThat(readout(hx, 25)).isEqualTo(-1000 + 50_000);
    }

    @Test
    void bitsAppearOnTheRisingEdgeInOrder() {
        // -1000 = 0xFFFC18 = 1111 1111 1111 1100 0001 1000
        settle();
        StringBuilder bits = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            bits.append(pulse(hx) ? '1' : '0');
        }

        assertThat(bits).hasToString("111111111111110000011000");
    }

    @Test
    void twentyFifthPulsePullsDoutHighUntilTheNextConversion() {
        settle();
        readout(hx, 25);

        assertThat(hx.dataHigh()).isTrue();
        clock.advance(Duration.ofMillis(100));
        assertThat(hx.dataHigh()).isFalse();
    }

    @Test
    void pulseCountSelectsChannelAndGainOfTheNextConversion() {
        massKg.set(10.0); // 199 000 counts at gain 128
        settle();

        readout(hx, 26);
        assertThat(hx.selectedInput()).isEqualTo(Hx711Gain.B_32);
        clock.advance(Hx711Rate.SPS_10.settling());
        assertThat(readout(hx, 27)).isEqualTo(199_000 / 4);
        assertThat(hx.selectedInput()).isEqualTo(Hx711Gain.A_64);
        clock.advance(Hx711Rate.SPS_10.settling());
        assertThat(readout(hx, 25)).isEqualTo(199_000 / 2);
        clock.advance(Hx711Rate.SPS_10.settling());
        assertThat(readout(hx, 25)).isEqualTo(199_000);
    }

    @Test
    void changingTheInputRestartsTheSettlingTime() {
        settle();
        readout(hx, 26);

        clock.advance(Duration.ofMillis(399));
        assertThat(hx.dataHigh()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(hx.dataHigh()).isFalse();
    }

    @Test
    void clockHeldHighLongerThanSixtyMicrosecondsPowersDownAndResetsToChannelA128() {
        settle();
        readout(hx, 26);
        hx.clock(true); // the 27th pulse: channel A, gain 64 ...
        clock.advanceMicros(60);
        assertThat(hx.poweredDown()).isFalse();
        assertThat(hx.selectedInput()).isEqualTo(Hx711Gain.A_64);

        clock.advanceMicros(1);
        assertThat(hx.poweredDown()).isTrue();
        assertThat(hx.dataHigh()).isTrue();

        hx.clock(false);
        assertThat(hx.selectedInput()).isEqualTo(Hx711Gain.A_128);
        assertThat(hx.dataHigh()).isTrue();
        settle();
        assertThat(hx.dataHigh()).isFalse();
    }

    @Test
    void powerDownInTheMiddleOfAReadoutAbortsIt() {
        settle();
        for (int i = 0; i < 10; i++) {
            pulse(hx);
        }
        hx.clock(true);
        clock.advance(Duration.ofMillis(1));
        hx.clock(false);
        settle();

        assertThat(readout(hx, 25)).isEqualTo(-1000);
    }

    @Test
    void moreThanTwentySevenPulsesIsACommunicationErrorUntilReset() {
        settle();
        readout(hx, 28);
        clock.advance(Duration.ofSeconds(1));
        assertThat(hx.dataHigh()).isTrue();

        hx.clock(true);
        clock.advanceMicros(100);
        hx.clock(false);
        settle();
        assertThat(hx.dataHigh()).isFalse();
    }

    @Test
    void pulsesWhileNotReadyAreIgnored() {
        pulse(hx);
        settle();

        assertThat(readout(hx, 25)).isEqualTo(-1000);
    }

    @Test
    void saturatesAtTheTwentyFourBitLimits() {
        massKg.set(1_000.0);
        settle();
        assertThat(readout(hx, 25)).isEqualTo(0x7FFFFF);

        massKg.set(-1_000.0);
        clock.advance(Duration.ofMillis(100));
        assertThat(readout(hx, 25)).isEqualTo(-0x800000);
    }

    @Test
    void eightySamplesPerSecondSettleInFiftyMillisecondsAndRepeatEveryTwelveAndAHalf() {
        Hx711Device fast = chip(CELL, Hx711Rate.SPS_80, 1);
        clock.advance(Duration.ofMillis(50));
        assertThat(fast.dataHigh()).isFalse();

        readout(fast, 25);
        clock.advance(Duration.ofMillis(12));
        assertThat(fast.dataHigh()).isTrue();
        clock.advance(Duration.ofNanos(500_000));
        assertThat(fast.dataHigh()).isFalse();
    }

    @Test
    void noiseIsReproducibleForTheSameSeed() {
        LoadCellModel noisy = new LoadCellModel(0, 20_000, 50);
        Hx711Device one = chip(noisy, Hx711Rate.SPS_10, 42);
        Hx711Device two = chip(noisy, Hx711Rate.SPS_10, 42);
        settle();

        int a = readout(one, 25);
        int b = readout(two, 25);
        assertThat(a).isEqualTo(b).isNotZero();
    }

    @Test
    void missingChipNeverSignalsReady() {
        faults.missing(true);
        settle();

        assertThat(hx.dataHigh()).isTrue();
    }

    @Test
    void corruptedReadoutFlipsExactlyOneBit() {
        settle();
        faults.corruptNextReads(1);
        int corrupted = readout(hx, 25);

        assertThat(Integer.bitCount((corrupted ^ -1000) & 0xFFFFFF)).isEqualTo(1);
    }

    @Test
    void stuckChipRepeatsItsLastWord() {
        settle();
        readout(hx, 25);
        faults.stuck(true);
        massKg.set(3.0);
        clock.advance(Duration.ofMillis(100));

        assertThat(readout(hx, 25)).isEqualTo(-1000);
    }
}
