package org.coldwatch.sim.devices;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The fault switchboard of one simulated device, flipped by tests and fault scenarios while the gateway reads.
 *
 * <p>Each device documents which switches it honours and how each one looks on its bus:
 * <ul>
 *   <li>{@link #missing(boolean) missing} — the device does not answer at all: I2C NACK on every transfer, the
 *       1-Wire slave folder disappears, the HX711's DOUT stays high, a door contact's wire is cut;</li>
 *   <li>{@link #failNextTransfers(int) failNextTransfers} — transient: the next transfers fail as if missing
 *       (I2C NACK, an empty {@code w1_slave} read), then the device answers again;</li>
 *   <li>{@link #corruptNextReads(int) corruptNextReads} / {@link #crcErrorProbability(double) crcErrorProbability}
 *       — a bit flips on the wire: the CRC no longer matches (SHT3x, DS18B20) or, where the protocol has no CRC
 *       (HX711), the value is an outlier;</li>
 *   <li>{@link #stuck(boolean) stuck} — the device keeps reporting the last value it measured (a frozen ADC, a
 *       probe that stopped converting). A value stuck from the start is simply a constant supplier.</li>
 * </ul>
 * Thread-safe; the random source is seeded so a failing test replays.
 */
public final class DeviceFaults {

    private final RandomGenerator random;
    private boolean missing;
    private boolean stuck;
    private int corruptNextReads;
    private int failNextTransfers;
    private double crcErrorProbability;

    /** A switchboard with every fault off and random CRC errors drawn from seed 0. */
    public DeviceFaults() {
        this(0L);
    }

    /**
     * A switchboard with every fault off.
     *
     * @param seed seed of the generator behind {@link #crcErrorProbability(double)}
     */
    public DeviceFaults(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Makes the device vanish from its bus ({@code true}) or come back ({@code false}). */
    public synchronized DeviceFaults missing(boolean value) {
        this.missing = value;
        return this;
    }

    /** Whether the device is currently gone from its bus. */
    public synchronized boolean missing() {
        return missing;
    }

    /** Freezes ({@code true}) or unfreezes the value the device reports. */
    public synchronized DeviceFaults stuck(boolean value) {
        this.stuck = value;
        return this;
    }

    /** Whether the device repeats its last measured value. */
    public synchronized boolean stuck() {
        return stuck;
    }

    /**
     * Corrupts the next {@code count} reads, then reads are clean again.
     *
     * @param count how many reads to corrupt (added to any still pending)
     */
    public synchronized DeviceFaults corruptNextReads(int count) {
        requireNonNegative(count, "count");
        this.corruptNextReads += count;
        return this;
    }

    /**
     * Corrupts each read independently with this probability (0 turns it off).
     *
     * @param probability 0..1
     */
    public synchronized DeviceFaults crcErrorProbability(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("crcErrorProbability must be within 0..1, was " + probability);
        }
        this.crcErrorProbability = probability;
        return this;
    }

    /**
     * Makes the next {@code count} transfers fail as if the device were missing.
     *
     * @param count how many transfers fail (added to any still pending)
     */
    public synchronized DeviceFaults failNextTransfers(int count) {
        requireNonNegative(count, "count");
        this.failNextTransfers += count;
        return this;
    }

    /** Turns every fault off. */
    public synchronized DeviceFaults clear() {
        missing = false;
        stuck = false;
        corruptNextReads = 0;
        failNextTransfers = 0;
        crcErrorProbability = 0;
        return this;
    }

    /**
     * Called by a device once per read: whether this read is corrupted. Consumes one pending corruption.
     *
     * @return {@code true} when the device must corrupt the data it is about to return
     */
    public synchronized boolean takeCorruption() {
        if (corruptNextReads > 0) {
            corruptNextReads--;
            return true;
        }
        return crcErrorProbability > 0 && random.nextDouble() < crcErrorProbability;
    }

    /**
     * Called by a device once per transfer: whether this transfer fails as if the device were missing. Consumes one
     * pending transient failure.
     *
     * @return {@code true} when the device must not answer this transfer
     */
    public synchronized boolean takeTransferFailure() {
        if (failNextTransfers > 0) {
            failNextTransfers--;
            return true;
        }
        return false;
    }

    private static void requireNonNegative(int count, String name) {
        if (count < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + count);
        }
    }
}
