package org.coldwatch.gateway.sensor.hx711;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.coldwatch.gateway.sensor.LoadCell;
import org.coldwatch.gateway.sensor.Pause;
import org.coldwatch.gateway.sensor.SensorFault;
import org.coldwatch.gateway.sensor.SensorState;
import org.coldwatch.gateway.sensor.StuckDetector;

/**
 * An Avia Semiconductor HX711 load-cell ADC bit-banged on two GPIO pins through Pi4J: PD_SCK an output, DOUT an input.
 *
 * <p>One conversion (datasheet, "Serial Interface"): wait until DOUT goes low ("data is ready"), then 24 PD_SCK
 * pulses each shifting out one bit MSB first (24-bit two's complement), then 1…3 more pulses that select the input
 * and gain of the next conversion ({@link Hx711Gain}). PD_SCK must not stay high longer than 60 µs or the chip powers
 * down ("Reset and Power-Down"); a JVM descheduled mid-pulse causes that on a real board, and the bits read after it
 * are ones. Such a conversion is an outlier (dropped by the trimmed mean) or saturated (reported). Checking that DOUT
 * is high again after the gain pulses would not help: a thread descheduled for one conversion period (12.5 ms at
 * 80 SPS) legitimately finds the next conversion ready, and would report a healthy chip as faulty. Because a gain
 * selection applies to the next conversion, the first conversion after start (made at the reset default A/128) is
 * discarded when another gain is configured. The codes 0x7FFFFF and 0x800000 are saturation ("Output Data Rate and
 * Format"): an overloaded cell or a broken bridge wire, reported implausible.
 *
 * <p>{@link #massKg()} averages {@code samples} conversions, dropping the highest and lowest when there are at least
 * three (the HX711 has no checksum; a flipped bit shows as an outlier).
 */
public final class Hx711 implements LoadCell {
    /** Datasheet "Output Data Rate and Format": maximum code. */
    static final int MAX_CODE = 0x7FFFFF;
    /** Datasheet "Output Data Rate and Format": minimum code. */
    static final int MIN_CODE = -0x800000;
    /** How often DOUT is polled while waiting for a conversion. */
    static final Duration POLL = Duration.ofMillis(1);

    private final DigitalOutput clock;
    private final DigitalInput data;
    private final Hx711Gain gain;
    private final int samples;
    private final Duration readyTimeout;
    private final DriftCompensation drift;
    private final StuckDetector stuck;
    private final Pause pause;
    private LoadCellCalibration calibration;
    private boolean gainSelected;

    /**
     * @param clock        PD_SCK
     * @param data         DOUT
     * @param gain         the input and gain to use
     * @param samples      conversions averaged per weighing, ≥ 1
     * @param calibration  tare offset and kg per count
     * @param drift        temperature drift compensation
     * @param readyTimeout how long DOUT may stay high before the chip counts as missing
     * @param stuckAfter   identical conversions in a row that count as stuck; 0 disables
     * @param pause        how to wait between polls of DOUT
     */
    public Hx711(DigitalOutput clock, DigitalInput data, Hx711Gain gain, int samples, LoadCellCalibration calibration,
            DriftCompensation drift, Duration readyTimeout, int stuckAfter, Pause pause) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, was " + samples);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.data = Objects.requireNonNull(data, "data");
        this.gain = Objects.requireNonNull(gain, "gain");
        this.samples = samples;
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.drift = Objects.requireNonNull(drift, "drift");
        this.readyTimeout = Objects.requireNonNull(readyTimeout, "readyTimeout");
        this.stuck = new StuckDetector(stuckAfter);
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    @Override
    public synchronized double massKg() throws SensorFault {
        return drift.compensatedKg(calibration.massKg(averageCounts()));
    }

    @Override
    public synchronized double tare() throws SensorFault {
        calibration = calibration.withOffset(averageCounts());
        return calibration.offsetCounts();
    }

    /** The calibration in use (its offset changes with {@link #tare()}). */
    public synchronized LoadCellCalibration calibration() {
        return calibration;
    }

    /**
     * The mean of {@code samples} conversions, trimmed of the extremes when there are three or more, before tare and
     * calibration: what a technician needs to work out {@code tareOffsetCounts} and {@code kgPerCount}.
     *
     * @throws SensorFault as {@link #massKg()}
     */
    public synchronized double averageCounts() throws SensorFault {
        if (!gainSelected) {
            if (gain != Hx711Gain.A_128) {
                conversion(); // made at the reset default A/128; its extra pulses select the gain for the next
            }
            gainSelected = true;
        }
        int[] counts = new int[samples];
        for (int i = 0; i < samples; i++) {
            counts[i] = conversion();
        }
        return trimmedMean(counts);
    }

    static double trimmedMean(int[] counts) {
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        int from = sorted.length >= 3 ? 1 : 0;
        int to = sorted.length >= 3 ? sorted.length - 1 : sorted.length;
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += sorted[i];
        }
        return sum / (to - from);
    }

    /** One conversion: wait for DOUT low, shift 24 bits out, select the gain of the next. */
    int conversion() throws SensorFault {
        try {
            awaitReady();
            int value = 0;
            for (int bit = 0; bit < 24; bit++) {
                clock.high();
                value = value << 1 | (data.isHigh() ? 1 : 0);
                clock.low();
            }
            for (int extra = 24; extra < gain.pulses(); extra++) {
                clock.high();
                clock.low();
            }
            int counts = value << 8 >> 8;
            if (counts == MAX_CODE || counts == MIN_CODE) {
                throw new SensorFault(SensorState.IMPLAUSIBLE, "ADC saturated at " + counts
                        + " counts: overloaded cell or broken bridge wire");
            }
            if (stuck.stuckAfter(counts)) {
                throw new SensorFault(SensorState.STUCK, "the same conversion " + counts + " " + stuck.repeats()
                        + " times in a row");
            }
            return counts;
        } catch (Pi4JException e) {
            throw new SensorFault(SensorState.MISSING, "GPIO access failed: " + e.getMessage(), e);
        }
    }

    private void awaitReady() throws SensorFault {
        long waited = 0;
        while (data.isHigh()) {
            if (waited >= readyTimeout.toNanos()) {
                gainSelected = false;
                throw new SensorFault(SensorState.MISSING, "DOUT stayed high for " + readyTimeout.toMillis()
                        + " ms: no HX711 answering (unpowered, unwired)");
            }
            try {
                pause.pause(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SensorFault(SensorState.MISSING, "interrupted while waiting for the HX711");
            }
            waited += POLL.toNanos();
        }
    }
}
