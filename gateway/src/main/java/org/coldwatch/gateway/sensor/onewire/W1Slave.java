package org.coldwatch.gateway.sensor.onewire;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coldwatch.gateway.sensor.SensorFault;
import org.coldwatch.gateway.sensor.SensorState;

/**
 * Interprets the text of a DS18B20's {@code w1_slave} file as the Linux {@code w1_therm} driver writes it
 * ({@code Documentation/w1/slaves/w1_therm.rst}): line one is the nine scratchpad bytes and {@code : crc=xx YES|NO},
 * line two ends with {@code t=<millidegrees>}. Plain logic, no I/O.
 *
 * <p>Rejected: an empty file (the probe did not answer), a first line not ending in {@code YES} (CRC mismatch), text
 * that is not in that format, a scratchpad whose configuration register has bits 0…4 cleared (DS18B20 datasheet,
 * Figure 10: those bits always read 1, so an all-zero scratchpad — a data line held low — passes the kernel's CRC but
 * cannot come from a probe), the power-on reset value +85 °C (datasheet, "Operation — Measuring Temperature" and
 * Table 1 note: the temperature register's power-on value is +85 °C; a probe that lost power answers with it), and
 * values outside the probe's range −55…+125 °C (datasheet, "Features").
 */
final class W1Slave {
    /** Datasheet: power-on reset value of the temperature register, +85 °C, in the kernel's millidegrees. */
    static final int POWER_ON_MILLIDEGREES = 85_000;
    /** Datasheet, Features: −55 °C. */
    static final double MIN_CELSIUS = -55;
    /** Datasheet, Features: +125 °C. */
    static final double MAX_CELSIUS = 125;
    /** Datasheet, Figure 10: configuration register bits 0…4 always read 1. */
    static final int CONFIG_ONES = 0x1F;

    private static final Pattern FIRST = Pattern.compile("((?:[0-9a-f]{2} ){9}): crc=([0-9a-f]{2}) (YES|NO)");
    private static final Pattern SECOND = Pattern.compile("(?:[0-9a-f]{2} ){9}t=(-?\\d+)");

    private W1Slave() {
    }

    /**
     * @param text the whole file
     * @return the temperature in °C
     * @throws SensorFault missing (empty), crc (NO, garbled, impossible scratchpad) or implausible (85 °C, range)
     */
    static double celsius(String text) throws SensorFault {
        if (text.isBlank()) {
            throw new SensorFault(SensorState.MISSING, "w1_slave is empty: the probe did not answer");
        }
        String[] lines = text.strip().split("\n");
        Matcher first = FIRST.matcher(lines[0].strip());
        if (!first.matches()) {
            throw new SensorFault(SensorState.CRC, "w1_slave first line not understood: '" + lines[0] + "'");
        }
        if (!first.group(3).equals("YES")) {
            throw new SensorFault(SensorState.CRC, "CRC check failed: '" + lines[0].strip() + "'");
        }
        byte[] scratchpad = HexFormat.of().parseHex(first.group(1).replace(" ", ""));
        if ((scratchpad[4] & CONFIG_ONES) != CONFIG_ONES) {
            throw new SensorFault(SensorState.CRC, "scratchpad " + first.group(1).strip()
                    + " cannot come from a DS18B20 (configuration bits 0-4 must read 1): data line held low?");
        }
        Matcher second = lines.length < 2 ? null : SECOND.matcher(lines[1].strip());
        if (second == null || !second.matches()) {
            throw new SensorFault(SensorState.CRC, "w1_slave second line not understood");
        }
        int millidegrees = Integer.parseInt(second.group(1));
        if (millidegrees == POWER_ON_MILLIDEGREES) {
            throw new SensorFault(SensorState.IMPLAUSIBLE, "85.000 °C is the power-on reset value: the probe lost"
                    + " power or did not convert");
        }
        double celsius = millidegrees / 1000.0;
        if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
            throw new SensorFault(SensorState.IMPLAUSIBLE, String.format(Locale.ROOT,
                    "%.3f °C is outside the probe's range −55…125 °C", celsius));
        }
        return celsius;
    }
}
