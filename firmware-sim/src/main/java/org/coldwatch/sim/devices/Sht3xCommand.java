package org.coldwatch.sim.devices;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The 16-bit commands of the Sensirion SHT3x-DIS (datasheet, section 4 "Operation and Communication"), sent MSB first.
 *
 * @param code            the command word
 * @param kind            what the command does
 * @param repeatability   for measurement commands, the repeatability that sets the duration; otherwise {@code null}
 * @param clockStretching for single-shot measurements, whether the sensor holds SCL low until the result is ready
 * @param periodNanos     for periodic acquisition, nanoseconds between measurements; otherwise 0
 */
record Sht3xCommand(int code, Kind kind, Repeatability repeatability, boolean clockStretching, long periodNanos) {

    /** What a command does. */
    enum Kind {
        SINGLE_SHOT, PERIODIC, FETCH_DATA, BREAK, SOFT_RESET, HEATER_ON, HEATER_OFF, READ_STATUS, CLEAR_STATUS,
        /** Followed by a data word and its CRC; the limits are accepted but alert mode is not modelled. */
        WRITE_ALERT_LIMIT
    }

    /**
     * Measurement repeatability with the maximum measurement duration of datasheet Table 4 ("System timing
     * specifications": t_MEAS,l 4 ms, t_MEAS,m 6 ms, t_MEAS,h 15 ms). The simulation uses the maximum, so a driver
     * that waits only the typical duration (2.5 / 4.5 / 12.5 ms) is caught here before it is caught in the field.
     */
    enum Repeatability {
        HIGH(15_000_000L), MEDIUM(6_000_000L), LOW(4_000_000L);

        private final long maxDurationNanos;

        Repeatability(long maxDurationNanos) {
            this.maxDurationNanos = maxDurationNanos;
        }

        long maxDurationNanos() {
            return maxDurationNanos;
        }
    }

    /** Datasheet Table 10, column "mps": 0.5, 1, 2, 4 and 10 measurements per second, as nanosecond periods. */
    private static final long[] PERIODS_NANOS = {2_000_000_000L, 1_000_000_000L, 500_000_000L, 250_000_000L,
        100_000_000L};
    /** Datasheet Table 10, codes per mps row in the order high, medium, low repeatability. */
    private static final int[][] PERIODIC_CODES = {
        {0x2032, 0x2024, 0x202F}, {0x2130, 0x2126, 0x212D}, {0x2236, 0x2220, 0x222B},
        {0x2334, 0x2322, 0x2329}, {0x2737, 0x2721, 0x272A}};
    /** Datasheet Table 12: periodic measurement with ART, "a frequency of 4 Hz". */
    static final int ART = 0x2B32;

    private static final Map<Integer, Sht3xCommand> BY_CODE = new HashMap<>();

    static {
        Repeatability[] order = {Repeatability.HIGH, Repeatability.MEDIUM, Repeatability.LOW};
        // Datasheet Table 9: single shot, clock stretching enabled (0x2C..) and disabled (0x24..).
        int[] stretched = {0x2C06, 0x2C0D, 0x2C10};
        int[] polled = {0x2400, 0x240B, 0x2416};
        for (int i = 0; i < order.length; i++) {
            put(new Sht3xCommand(stretched[i], Kind.SINGLE_SHOT, order[i], true, 0));
            put(new Sht3xCommand(polled[i], Kind.SINGLE_SHOT, order[i], false, 0));
            for (int row = 0; row < PERIODS_NANOS.length; row++) {
                put(new Sht3xCommand(PERIODIC_CODES[row][i], Kind.PERIODIC, order[i], false, PERIODS_NANOS[row]));
            }
        }
        put(new Sht3xCommand(ART, Kind.PERIODIC, Repeatability.HIGH, false, 250_000_000L));
        put(simple(0xE000, Kind.FETCH_DATA));   // Table 11
        put(simple(0x3093, Kind.BREAK));        // Table 13, section 4.8
        put(simple(0x30A2, Kind.SOFT_RESET));   // Table 14, section 4.9
        put(simple(0x306D, Kind.HEATER_ON));    // Table 16, section 4.10
        put(simple(0x3066, Kind.HEATER_OFF));   // Table 16
        put(simple(0xF32D, Kind.READ_STATUS));  // Table 17, section 4.11
        put(simple(0x3041, Kind.CLEAR_STATUS)); // Table 19
        // Sensirion application note "Alert Mode of SHT3x-DIS", Table 2: write high set, high clear, low clear, low set.
        for (int code : new int[] {0x611D, 0x6116, 0x610B, 0x6100}) {
            put(simple(code, Kind.WRITE_ALERT_LIMIT));
        }
    }

    private static Sht3xCommand simple(int code, Kind kind) {
        return new Sht3xCommand(code, kind, null, false, 0);
    }

    private static void put(Sht3xCommand command) {
        BY_CODE.put(command.code(), command);
    }

    /**
     * The command with this code.
     *
     * @param code the 16-bit word as received, MSB first
     * @return the command, or empty when the SHT3x does not know it
     */
    static Optional<Sht3xCommand> decode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
