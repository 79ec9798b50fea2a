package org.coldwatch.sim.onewire;

import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.coldwatch.sim.devices.DeviceFaults;

/**
 * A Maxim DS18B20 temperature probe at 12-bit resolution (0.0625 °C), as the Linux {@code w1_therm} driver reads it:
 * each read is a conversion followed by READ SCRATCHPAD.
 *
 * <p>Faults: {@link DeviceFaults#missing(boolean) missing} removes the probe from the bus (its sysfs folder goes);
 * {@link DeviceFaults#failNextTransfers(int) failNextTransfers} makes reads fail while the folder stays (the kernel
 * returns an empty {@code w1_slave}); corrupted reads flip bit 0 of the temperature LSB (CRC mismatch, "NO");
 * {@link DeviceFaults#stuck(boolean) stuck} repeats the last scratchpad; {@link #glitchNextReads} returns one of the
 * {@link Ds18b20Glitch} scratchpads.
 */
public final class Ds18b20Probe {

    private final RomId id;
    private final DoubleSupplier celsius;
    private final DeviceFaults faults;
    private Ds18b20Glitch glitch;
    private int glitchReads;
    private Scratchpad last;

    /**
     * A probe without faults.
     *
     * @param id      its ROM code, e.g. {@link RomId#ds18b20(long)}
     * @param celsius the probe's temperature, from the room model
     */
    public Ds18b20Probe(RomId id, DoubleSupplier celsius) {
        this(id, celsius, new DeviceFaults());
    }

    /**
     * A probe with its own fault switchboard.
     *
     * @param id      its ROM code
     * @param celsius the probe's temperature, from the room model
     * @param faults  the switchboard this probe honours
     */
    public Ds18b20Probe(RomId id, DoubleSupplier celsius, DeviceFaults faults) {
        this.id = Objects.requireNonNull(id, "id");
        this.celsius = Objects.requireNonNull(celsius, "celsius");
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    /** The ROM code. */
    public RomId id() {
        return id;
    }

    /** This probe's fault switchboard. */
    public DeviceFaults faults() {
        return faults;
    }

    /**
     * Makes the next {@code count} reads return a glitch scratchpad instead of a conversion.
     *
     * @param glitch what the reads return
     * @param count  how many reads; 0 cancels
     */
    public synchronized void glitchNextReads(Ds18b20Glitch glitch, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        this.glitch = Objects.requireNonNull(glitch, "glitch");
        this.glitchReads = count;
    }

    /**
     * One read as the kernel performs it.
     *
     * @return the scratchpad the master received, or empty when the probe did not answer
     */
    synchronized Optional<Scratchpad> read() {
        if (faults.takeTransferFailure()) {
            return Optional.empty();
        }
        if (glitchReads > 0) {
            glitchReads--;
            return Optional.of(glitchScratchpad());
        }
        if (!faults.stuck() || last == null) {
            last = Scratchpad.converted(celsius.getAsDouble());
        }
        return Optional.of(faults.takeCorruption() ? last.withFlipped(0, 0x01) : last);
    }

    private Scratchpad glitchScratchpad() {
        return switch (glitch) {
            case POWER_ON_RESET -> Scratchpad.powerOnReset();
            case ALL_ONES -> Scratchpad.ofBytes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1});
            case ALL_ZEROS -> Scratchpad.ofBytes(new byte[9]);
        };
    }
}
