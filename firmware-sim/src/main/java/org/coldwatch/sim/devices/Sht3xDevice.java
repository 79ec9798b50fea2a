package org.coldwatch.sim.devices;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sensirion SHT3x-DIS humidity and temperature sensor at the I2C byte level, as its datasheet (version 5, May 2018;
 * section numbers below refer to it) describes it.
 *
 * <p>Design: the sensor is a small state machine driven by whole transfers. A write carries one 16-bit command (MSB
 * first, section 4); a read returns what the last command left in the output buffer — a measurement (T msb, T lsb,
 * CRC, RH msb, RH lsb, CRC; section 4.4) or the status word and its CRC (section 4.11) — and empties it, so a second
 * read NACKs like the real part. Time comes from an injected nanosecond source: a single-shot measurement occupies the
 * sensor for the maximum duration of Table 4, and while it runs every header is NACKed unless the measurement was
 * started with clock stretching (then the read returns at once: the stretch is real time the simulation skips).
 * Values are sampled from the suppliers when the measurement starts. Periodic acquisition (Table 10), ART, fetch and
 * break are modelled too; alert-limit writes are checked against their CRC (status bit 0) but alert mode itself is not
 * modelled, and any command the sensor does not know sets the command-status bit 1. The built-in heater (section 4.10) warms the sensor by {@link #HEATER_RISE_CELSIUS}; the
 * datasheet only says the increase is "a few degrees centigrade" and is meant for plausibility checks, so the value
 * is an order of magnitude, and the relative humidity is recomputed at the warmer sensor surface.
 *
 * <p>Faults ({@link DeviceFaults}): missing and transient failures NACK every header; a corrupted read flips bit 0 of
 * the temperature LSB so only the CRC reveals it; stuck repeats the last measured signal words.
 */
public final class Sht3xDevice implements I2cTarget {

    /** I2C address with the ADDR pin connected to VSS (datasheet, "I2C device addresses" table: 0x44, the default). */
    public static final int ADDRESS_ADDR_LOW = 0x44;
    /** I2C address with the ADDR pin connected to VDD (datasheet, "I2C device addresses" table: 0x45). */
    public static final int ADDRESS_ADDR_HIGH = 0x45;
    /** Temperature rise while the heater is on; "a few degrees centigrade" per section 4.10 (order of magnitude). */
    public static final double HEATER_RISE_CELSIUS = 3.0;

    /** Table 18, bit 15: at least one pending alert; '1' after reset. */
    static final int STATUS_ALERT_PENDING = 1 << 15;
    /** Table 18, bit 13: heater on. */
    static final int STATUS_HEATER = 1 << 13;
    /** Table 18, bit 11: RH tracking alert. */
    static final int STATUS_RH_ALERT = 1 << 11;
    /** Table 18, bit 10: T tracking alert. */
    static final int STATUS_T_ALERT = 1 << 10;
    /** Table 18, bit 4: system reset detected (hard reset, soft reset command or supply fail); '1' after reset. */
    static final int STATUS_RESET_DETECTED = 1 << 4;
    /** Table 18, bit 1: last command not processed (invalid or failed the command checksum). */
    static final int STATUS_COMMAND_FAILED = 1 << 1;
    /** Table 18, bit 0: checksum of the last write transfer failed. */
    static final int STATUS_WRITE_CHECKSUM_FAILED = 1;
    /** Table 18 "Default value" column: alert pending and reset detected set, everything else clear. */
    static final int STATUS_AFTER_RESET = STATUS_ALERT_PENDING | STATUS_RESET_DETECTED;
    /** Section 4.11, Table 19: clear status register clears bits 15, 11, 10 and 4. */
    static final int STATUS_CLEARABLE = STATUS_ALERT_PENDING | STATUS_RH_ALERT | STATUS_T_ALERT | STATUS_RESET_DETECTED;
    /** Table 4, soft reset time t_SR: max 1.5 ms before the sensor answers again. */
    static final long SOFT_RESET_NANOS = 1_500_000L;

    private static final Logger LOG = LoggerFactory.getLogger(Sht3xDevice.class);

    private enum Busy { IDLE, MEASURING, RESETTING }

    private final DoubleSupplier celsius;
    private final DoubleSupplier relativeHumidityPercent;
    private final LongSupplier nanoTime;
    private final DeviceFaults faults;

    private int status = STATUS_AFTER_RESET;
    private boolean heater;
    private Busy busy = Busy.IDLE;
    private long busyUntil;
    private boolean stretching;
    private byte[] output;
    private int[] lastTicks;
    private Sht3xCommand periodic;
    private long periodicStart;
    private long periodicFetched;

    /**
     * A sensor on the system clock with no faults.
     *
     * @param celsius                  air temperature at the sensor, from the room model
     * @param relativeHumidityPercent  relative humidity of that air, 0..100
     */
    public Sht3xDevice(DoubleSupplier celsius, DoubleSupplier relativeHumidityPercent) {
        this(celsius, relativeHumidityPercent, System::nanoTime, new DeviceFaults());
    }

    /**
     * A sensor with its own time source and fault switchboard.
     *
     * @param celsius                  air temperature at the sensor, from the room model
     * @param relativeHumidityPercent  relative humidity of that air, 0..100
     * @param nanoTime                 monotonic nanoseconds, e.g. {@code System::nanoTime} or a test's fake clock
     * @param faults                   the switchboard this sensor honours
     */
    public Sht3xDevice(DoubleSupplier celsius, DoubleSupplier relativeHumidityPercent, LongSupplier nanoTime,
            DeviceFaults faults) {
        this.celsius = Objects.requireNonNull(celsius, "celsius");
        this.relativeHumidityPercent = Objects.requireNonNull(relativeHumidityPercent, "relativeHumidityPercent");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    /** This sensor's fault switchboard. */
    public DeviceFaults faults() {
        return faults;
    }

    /** Whether the heater is on (status bit 13). */
    public synchronized boolean heaterOn() {
        return heater;
    }

    /** The raw 16-bit status register, as {@code 0xF32D} would return it. */
    public synchronized int status() {
        return status;
    }

    @Override
    public synchronized void write(byte[] data) throws I2cNackException {
        long now = nanoTime.getAsLong();
        answerHeader(now);
        if (busy != Busy.IDLE) {
            throw new I2cNackException(busy == Busy.MEASURING ? "measurement in progress" : "soft reset in progress");
        }
        if (data.length == 0) {
            return;
        }
        Sht3xCommand command = data.length >= 2
                ? Sht3xCommand.decode(((data[0] & 0xFF) << 8) | (data[1] & 0xFF)).orElse(null)
                : null;
        boolean withData = command != null && command.kind() == Sht3xCommand.Kind.WRITE_ALERT_LIMIT;
        if (command == null || data.length != (withData ? 5 : 2)) {
            LOG.debug("sht3x not processed: {}", hex(data));
            status |= STATUS_COMMAND_FAILED;
            return;
        }
        status &= ~STATUS_COMMAND_FAILED;
        if (withData) {
            acceptData(data);
        } else {
            execute(command, now);
        }
    }

    /** Section 4: "the SHT3x-DIS only accepts data if it is followed by the correct checksum". */
    private void acceptData(byte[] data) {
        boolean crcOk = Crc8.sensirion(data[2], data[3]) == (data[4] & 0xFF);
        status = crcOk ? status & ~STATUS_WRITE_CHECKSUM_FAILED : status | STATUS_WRITE_CHECKSUM_FAILED;
    }

    @Override
    public synchronized byte[] read(int length) throws I2cNackException {
        long now = nanoTime.getAsLong();
        answerHeader(now);
        if (busy == Busy.RESETTING || busy == Busy.MEASURING && !stretching) {
            throw new I2cNackException(busy == Busy.MEASURING ? "measurement in progress" : "soft reset in progress");
        }
        busy = Busy.IDLE;
        if (output == null) {
            throw new I2cNackException("no data to send");
        }
        byte[] bytes = output;
        output = null;
        if (faults.takeCorruption()) {
            bytes[1] ^= 0x01;
        }
        byte[] answer = new byte[length];
        Arrays.fill(answer, (byte) 0xFF);
        System.arraycopy(bytes, 0, answer, 0, Math.min(length, bytes.length));
        return answer;
    }

    private void answerHeader(long now) throws I2cNackException {
        if (faults.missing()) {
            throw new I2cNackException("device missing");
        }
        if (faults.takeTransferFailure()) {
            throw new I2cNackException("transient bus failure");
        }
        if (busy != Busy.IDLE && now - busyUntil >= 0) {
            busy = Busy.IDLE;
        }
    }

    private void execute(Sht3xCommand command, long now) {
        switch (command.kind()) {
            case SINGLE_SHOT -> {
                periodic = null;
                output = measurement();
                busy = Busy.MEASURING;
                busyUntil = now + command.repeatability().maxDurationNanos();
                stretching = command.clockStretching();
            }
            case PERIODIC -> {
                periodic = command;
                periodicStart = now;
                periodicFetched = 0;
                output = null;
            }
            case FETCH_DATA -> output = fetch(now);
            case BREAK -> {
                periodic = null;
                output = null;
            }
            case SOFT_RESET -> {
                status = STATUS_AFTER_RESET;
                heater = false;
                periodic = null;
                output = null;
                busy = Busy.RESETTING;
                busyUntil = now + SOFT_RESET_NANOS;
            }
            case HEATER_ON, HEATER_OFF -> {
                heater = command.kind() == Sht3xCommand.Kind.HEATER_ON;
                status = heater ? status | STATUS_HEATER : status & ~STATUS_HEATER;
            }
            case READ_STATUS -> output = withCrc(status);
            case CLEAR_STATUS -> status &= ~STATUS_CLEARABLE;
            default -> throw new IllegalStateException("unhandled " + command);
        }
    }

    /** Section 4.6: data if a periodic measurement completed since the last fetch, otherwise nothing (read NACKs). */
    private byte[] fetch(long now) {
        if (periodic == null) {
            return null;
        }
        long firstDone = periodicStart + periodic.repeatability().maxDurationNanos();
        long completed = now - firstDone < 0 ? 0 : 1 + (now - firstDone) / periodic.periodNanos();
        if (completed <= periodicFetched) {
            return null;
        }
        periodicFetched = completed;
        return measurement();
    }

    private byte[] measurement() {
        if (!faults.stuck() || lastTicks == null) {
            double air = celsius.getAsDouble();
            double rh = relativeHumidityPercent.getAsDouble();
            double sensorCelsius = heater ? air + HEATER_RISE_CELSIUS : air;
            double sensorRh = heater ? Sht3xSignal.humidityAtWarmerSensor(air, rh, HEATER_RISE_CELSIUS) : rh;
            lastTicks = new int[] {Sht3xSignal.temperatureTicks(sensorCelsius), Sht3xSignal.humidityTicks(sensorRh)};
        }
        byte[] t = withCrc(lastTicks[0]);
        byte[] h = withCrc(lastTicks[1]);
        return new byte[] {t[0], t[1], t[2], h[0], h[1], h[2]};
    }

    private static byte[] withCrc(int word) {
        byte msb = (byte) (word >>> 8);
        byte lsb = (byte) word;
        return new byte[] {msb, lsb, (byte) Crc8.sensirion(msb, lsb)};
    }

    private static String hex(byte[] data) {
        StringBuilder text = new StringBuilder();
        for (byte b : data) {
            text.append(String.format("%02X", b & 0xFF));
        }
        return text.toString();
    }
}
