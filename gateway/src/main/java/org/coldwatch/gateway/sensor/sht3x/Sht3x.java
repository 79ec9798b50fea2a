package org.coldwatch.gateway.sensor.sht3x;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.coldwatch.gateway.sensor.Pause;
import org.coldwatch.gateway.sensor.SensorFault;
import org.coldwatch.gateway.sensor.SensorState;
import org.coldwatch.gateway.sensor.StuckDetector;
import org.coldwatch.gateway.sensor.TemperatureHumiditySensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sensirion SHT3x-DIS (SHT30/31/35) over Pi4J I2C, following the datasheet (version 5, May 2018; sections cited
 * below).
 *
 * <p>Each {@link #measure()} reads the status register first (section 4.11). "System reset detected" (bit 4) means
 * the sensor lost power or was reset since we last cleared it: the driver initialises it again (heater off, status
 * cleared). The heater must be off during measurements (section 4.10): a heater-on bit is a fault, cleared by
 * switching it off; that measurement is reported implausible because the sensor is still warm. The measurement is a
 * single shot, high repeatability, without clock stretching (Table 9, {@code 0x2400}; the Raspberry Pi's I2C block
 * mishandles clock stretching), read after the maximum duration of Table 4 (t_MEAS,h 15 ms). Both words must carry a
 * valid CRC (section 4.12); values outside the sensor's specified range (Table 1/2: −40…125 °C, 0…100 %RH) are
 * implausible, and the same raw pair {@code stuckAfter} times in a row is stuck.
 */
public final class Sht3x implements TemperatureHumiditySensor {
    /** Table 9: single shot, repeatability high, clock stretching disabled. */
    static final int MEASURE_HIGH_NO_STRETCH = 0x2400;
    /** Table 17: read out of status register. */
    static final int READ_STATUS = 0xF32D;
    /** Table 19: clear status register. */
    static final int CLEAR_STATUS = 0x3041;
    /** Table 16: heater enable. */
    static final int HEATER_ON = 0x306D;
    /** Table 16: heater disabled. */
    static final int HEATER_OFF = 0x3066;
    /** Table 4: t_MEAS,h, max 15 ms for high repeatability. */
    static final Duration MEASUREMENT_MAX = Duration.ofMillis(15);
    /** Table 18, bit 13: heater status. */
    static final int STATUS_HEATER = 1 << 13;
    /** Table 18, bit 4: system reset detected since the last clear status command. */
    static final int STATUS_RESET_DETECTED = 1 << 4;
    /** Tables 1 and 2: specified temperature range −40…125 °C. */
    static final double MIN_CELSIUS = -40;
    /** Tables 1 and 2: specified temperature range −40…125 °C. */
    static final double MAX_CELSIUS = 125;

    private static final Logger LOG = LoggerFactory.getLogger(Sht3x.class);

    private final I2C i2c;
    private final String id;
    private final StuckDetector stuck;
    private final Pause pause;
    private boolean initialised;
    private long resets;

    /**
     * @param i2c        the device handle (bus and address set)
     * @param id         the sensor id, for log lines
     * @param stuckAfter identical raw pairs in a row that count as stuck; 0 disables
     * @param pause      how to wait for the measurement
     */
    public Sht3x(I2C i2c, String id, int stuckAfter, Pause pause) {
        this.i2c = Objects.requireNonNull(i2c, "i2c");
        this.id = id;
        this.stuck = new StuckDetector(stuckAfter);
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    @Override
    public synchronized Measurement measure() throws SensorFault {
        if (!initialised) {
            initialise();
        }
        int status = status();
        if ((status & STATUS_RESET_DETECTED) != 0) {
            resets++;
            LOG.info("sht3x: id={} reset detected (status 0x{}), initialising again", id, Integer.toHexString(status));
            initialise();
        }
        if ((status & STATUS_HEATER) != 0) {
            command(HEATER_OFF);
            throw new SensorFault(SensorState.IMPLAUSIBLE, "heater was on (status 0x" + Integer.toHexString(status)
                    + "); switched it off, skipping this warm measurement");
        }
        int[] raw = singleShot();
        int rawT = raw[0];
        int rawRh = raw[1];
        if (stuck.stuckAfter((long) rawT << 16 | rawRh)) {
            throw new SensorFault(SensorState.STUCK, "the same raw words 0x" + Integer.toHexString(rawT) + "/0x"
                    + Integer.toHexString(rawRh) + " " + stuck.repeats() + " times in a row");
        }
        double celsius = celsius(rawT);
        double rh = relativeHumidity(rawRh);
        if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
            throw new SensorFault(SensorState.IMPLAUSIBLE, String.format(Locale.ROOT,
                    "%.2f °C is outside the sensor's range −40…125 °C", celsius));
        }
        return new Measurement(celsius, rh);
    }

    /**
     * The heater plausibility check of section 4.10 ("the heater can be used for plausibility checking only"): measure,
     * heat for {@code heat}, measure again with the heater still on, switch it off.
     *
     * @return how much warmer the sensor read with the heater on; a working sensor reads a few degrees more
     * @throws SensorFault as {@link #measure()}; the heater is switched off in every case the bus allows
     */
    public synchronized double heaterRiseCelsius(Duration heat) throws SensorFault {
        double before = measure().celsius();
        command(HEATER_ON);
        try {
            waitFor(heat);
            return celsius(singleShot()[0]) - before;
        } finally {
            heaterOffQuietly();
        }
    }

    private void heaterOffQuietly() {
        try {
            command(HEATER_OFF);
        } catch (SensorFault f) {
            // the next measure() reads the status and switches a heater that is still on off
            LOG.warn("sht3x: id={} could not switch the heater off after the check: {}", id, f.getMessage());
        }
    }

    /** Table 9 single shot, Table 4 wait, section 4.12 CRC on both words: the raw temperature and humidity words. */
    private int[] singleShot() throws SensorFault {
        command(MEASURE_HIGH_NO_STRETCH);
        waitFor(MEASUREMENT_MAX);
        byte[] data = read(6, "measurement");
        checkCrc(data, 0, "temperature");
        checkCrc(data, 3, "humidity");
        return new int[] {Sht3xCrc.word(data, 0), Sht3xCrc.word(data, 3)};
    }

    /**
     * Reads the status register (section 4.11).
     *
     * @return the 16-bit status word
     * @throws SensorFault missing or crc
     */
    public synchronized int status() throws SensorFault {
        command(READ_STATUS);
        byte[] data = read(3, "status");
        checkCrc(data, 0, "status");
        return Sht3xCrc.word(data, 0);
    }

    /** Switches the heater on or off (section 4.10); for the selftest's heater plausibility check. */
    public synchronized void heater(boolean on) throws SensorFault {
        command(on ? HEATER_ON : HEATER_OFF);
    }

    /** How often the sensor was found reset and initialised again. */
    public synchronized long resetsDetected() {
        return resets;
    }

    /** Section 4.10/4.11: heater off (the state after reset, made sure), then clear the status flags. */
    private void initialise() throws SensorFault {
        command(HEATER_OFF);
        command(CLEAR_STATUS);
        initialised = true;
    }

    /** Celsius from the raw word: section 4.13, T = −45 + 175 · S_T / (2^16 − 1). */
    static double celsius(int raw) {
        return -45 + 175.0 * raw / 65_535;
    }

    /** %RH from the raw word: section 4.13, RH = 100 · S_RH / (2^16 − 1). */
    static double relativeHumidity(int raw) {
        return 100.0 * raw / 65_535;
    }

    private void command(int code) throws SensorFault {
        try {
            i2c.write(new byte[] {(byte) (code >>> 8), (byte) code});
        } catch (Pi4JException e) {
            initialised = false;
            throw new SensorFault(SensorState.MISSING, String.format("no answer at I2C address 0x%02x to command"
                    + " 0x%04x: %s", i2c.device(), code, rootMessage(e)), e);
        }
    }

    private byte[] read(int length, String what) throws SensorFault {
        byte[] data = new byte[length];
        try {
            i2c.read(data, 0, length);
        } catch (Pi4JException e) {
            initialised = false;
            throw new SensorFault(SensorState.MISSING, String.format("no answer at I2C address 0x%02x reading %s: %s",
                    i2c.device(), what, rootMessage(e)), e);
        }
        return data;
    }

    private static void checkCrc(byte[] data, int offset, String what) throws SensorFault {
        if (!Sht3xCrc.valid(data, offset)) {
            throw new SensorFault(SensorState.CRC, String.format("%s word 0x%04x has CRC 0x%02x, expected 0x%02x",
                    what, Sht3xCrc.word(data, offset), data[offset + 2] & 0xFF,
                    Sht3xCrc.of(data[offset], data[offset + 1])));
        }
    }

    private void waitFor(Duration duration) throws SensorFault {
        try {
            pause.pause(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SensorFault(SensorState.MISSING, "interrupted while waiting for the measurement");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
