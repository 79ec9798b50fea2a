package org.coldwatch.sim.devices;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Avia Semiconductor HX711 24-bit load-cell ADC, driven edge by edge on its two wires exactly as its datasheet's
 * "Serial Interface" section describes: the gateway drives PD_SCK ({@link #clock(boolean)}) and samples DOUT
 * ({@link #dataHigh()}).
 *
 * <p>Design: nothing runs between calls. Every edge and every DOUT sample computes the chip's state from the injected
 * clock, so the model costs nothing while nobody reads. Conversions complete on a grid: the first one a settling time
 * after power-up, reset or an input change, then one every 1 / rate ({@link Hx711Rate}). DOUT is low when a
 * conversion has completed since the last readout ("When DOUT goes to low, it indicates data is ready"). The first
 * rising PD_SCK edge of a readout latches the conversion (mass from the supplier through the {@link LoadCellModel});
 * rising edges 1..24 each shift out one bit, MSB first, two's complement ("Each PD_SCK pulse shifts out one bit,
 * starting with the MSB bit first"); the 25th pulls DOUT high and, with the optional 26th and 27th, selects the input
 * of the next conversion ({@link Hx711Gain}). More than 27 pulses is the datasheet's "serial communication error": the
 * chip answers nothing until reset. PD_SCK held high longer than 60 µs powers the chip down; bringing it low again
 * resets it to channel A, gain 128. On Linux a JVM that is descheduled mid-readout trips exactly this, as real boards
 * do; {@link #powerDownAfter(Duration)} can widen the threshold for demos on a busy machine.
 *
 * <p>Faults: missing keeps DOUT high (never ready); a corrupted read flips one bit of the word, chosen by the seeded
 * generator (the HX711 has no checksum, so the driver sees an outlier); stuck repeats the last word.
 */
public final class Hx711Device {

    /** Datasheet "Reset and Power-Down": PD_SCK high for longer than 60 µs enters power-down mode. */
    public static final Duration POWER_DOWN_AFTER = Duration.ofNanos(60_000);
    /** Datasheet "Serial Interface": more than 27 pulses within one conversion period is a communication error. */
    static final int MAX_PULSES = 27;
    /** Datasheet "Serial Interface": 24 data bits per readout. */
    static final int DATA_BITS = 24;

    private static final Logger LOG = LoggerFactory.getLogger(Hx711Device.class);

    private final DoubleSupplier massKg;
    private final LoadCellModel loadCell;
    private final long periodNanos;
    private final long settlingNanos;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private final DeviceFaults faults;
    private long powerDownNanos = POWER_DOWN_AFTER.toNanos();

    private boolean clockHigh;
    private long clockRoseAt;
    private boolean poweredDown;
    private boolean commError;
    private long firstConversionAt;
    private boolean readSinceStart;
    private long lastReadoutAt;
    private int pulses;
    private Hx711Gain selected = Hx711Gain.A_128;
    private Hx711Gain selectedBeforeReadout = Hx711Gain.A_128;
    private long firstConversionBeforeSelection;
    private int word;
    private Integer lastWord;

    /**
     * An HX711 at 10 SPS on the system clock, without noise or faults.
     *
     * @param massKg   mass on the load cell, from the room model
     * @param loadCell how mass becomes counts
     */
    public Hx711Device(DoubleSupplier massKg, LoadCellModel loadCell) {
        this(massKg, loadCell, Hx711Rate.SPS_10, new SplittableRandom(0), System::nanoTime, new DeviceFaults());
    }

    /**
     * An HX711 with every collaborator injected.
     *
     * @param massKg   mass on the load cell, from the room model
     * @param loadCell how mass becomes counts
     * @param rate     the RATE pin setting
     * @param random   seeded source of noise and of corrupted bit positions
     * @param nanoTime monotonic nanoseconds, e.g. {@code System::nanoTime} or a test's fake clock
     * @param faults   the switchboard this chip honours
     */
    public Hx711Device(DoubleSupplier massKg, LoadCellModel loadCell, Hx711Rate rate, RandomGenerator random,
            LongSupplier nanoTime, DeviceFaults faults) {
        this.massKg = Objects.requireNonNull(massKg, "massKg");
        this.loadCell = Objects.requireNonNull(loadCell, "loadCell");
        this.periodNanos = rate.period().toNanos();
        this.settlingNanos = rate.settling().toNanos();
        this.random = Objects.requireNonNull(random, "random");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.faults = Objects.requireNonNull(faults, "faults");
        reset(nanoTime.getAsLong());
    }

    /**
     * Widens (or narrows) how long PD_SCK may stay high before the chip powers down; the datasheet value is
     * {@link #POWER_DOWN_AFTER}.
     *
     * @param threshold the new threshold
     * @return this chip
     */
    public synchronized Hx711Device powerDownAfter(Duration threshold) {
        this.powerDownNanos = threshold.toNanos();
        return this;
    }

    /** This chip's fault switchboard. */
    public DeviceFaults faults() {
        return faults;
    }

    /** The input the next conversion uses. */
    public synchronized Hx711Gain selectedInput() {
        return selected;
    }

    /** Whether PD_SCK has been high long enough to power the chip down. */
    public synchronized boolean poweredDown() {
        checkPowerDown(nanoTime.getAsLong());
        return poweredDown;
    }

    /**
     * The gateway drives PD_SCK.
     *
     * @param high the new level; repeating the current level is no edge
     */
    public synchronized void clock(boolean high) {
        long now = nanoTime.getAsLong();
        checkPowerDown(now);
        if (high == clockHigh) {
            return;
        }
        clockHigh = high;
        if (high) {
            clockRoseAt = now;
            risingEdge(now);
        } else if (poweredDown) {
            LOG.debug("hx711 power-up after power-down; input reset to {}", Hx711Gain.A_128);
            reset(now);
        }
    }

    /**
     * The gateway samples DOUT.
     *
     * @return {@code true} for a high level (not ready, or a 1 bit)
     */
    public synchronized boolean dataHigh() {
        long now = nanoTime.getAsLong();
        checkPowerDown(now);
        if (faults.missing() || poweredDown || commError) {
            return true;
        }
        if (pulses >= 1 && pulses <= DATA_BITS) {
            return ((word >>> (DATA_BITS - pulses)) & 1) != 0;
        }
        return !ready(now);
    }

    private void risingEdge(long now) {
        if (poweredDown || commError || faults.missing()) {
            return;
        }
        if ((pulses == 0 || pulses > DATA_BITS) && ready(now)) {
            pulses = 1;
            latch();
        } else if (pulses == 0) {
            LOG.debug("hx711 clock pulse while not ready ignored");
        } else if (++pulses > DATA_BITS) {
            selectInput(now);
        }
    }

    private void selectInput(long now) {
        if (pulses > MAX_PULSES) {
            LOG.debug("hx711 serial communication error: {} pulses", pulses);
            commError = true;
            return;
        }
        if (pulses == DATA_BITS + 1) {
            readSinceStart = true;
            lastReadoutAt = now;
            selectedBeforeReadout = selected;
            firstConversionBeforeSelection = firstConversionAt;
        }
        selected = Hx711Gain.forPulses(pulses);
        firstConversionAt = selected == selectedBeforeReadout ? firstConversionBeforeSelection : now + settlingNanos;
    }

    private void latch() {
        if (faults.stuck() && lastWord != null) {
            word = lastWord;
        } else {
            word = loadCell.counts(massKg.getAsDouble(), selected, random) & 0xFFFFFF;
            lastWord = word;
        }
        if (faults.takeCorruption()) {
            word ^= 1 << random.nextInt(DATA_BITS);
        }
    }

    /** A conversion has completed since the last readout ended (or since start-up). */
    private boolean ready(long now) {
        if (now - firstConversionAt < 0) {
            return false;
        }
        long latest = firstConversionAt + (now - firstConversionAt) / periodNanos * periodNanos;
        return !readSinceStart || latest - lastReadoutAt > 0;
    }

    private void checkPowerDown(long now) {
        if (clockHigh && !poweredDown && now - clockRoseAt > powerDownNanos) {
            LOG.debug("hx711 power-down: PD_SCK high for {} ns", now - clockRoseAt);
            poweredDown = true;
            pulses = 0;
        }
    }

    private void reset(long now) {
        poweredDown = false;
        commError = false;
        pulses = 0;
        selected = Hx711Gain.A_128;
        readSinceStart = false;
        firstConversionAt = now + settlingNanos;
    }
}
