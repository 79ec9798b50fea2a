package org.coldwatch.protocol.senml;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * SenML time values (RFC 8428 section 4.5.3): seconds as floating point; values below 2^28 are relative to "now"
 * (0 = now, negative = in the past), values from 2^28 on are seconds since 1970-01-01T00:00Z.
 *
 * <p>Resolved times are kept to the microsecond: an IEEE double has better than microsecond precision for absolute
 * times of this century (RFC 8428 section 5), so rounding to microseconds recovers what the sender meant, e.g.
 * {@code 1.276020076001e+09} is 2010-06-08T18:01:16.001Z exactly.
 */
public final class SenmlTimes {
    /** 2^28 = 268,435,456: times below it are relative to "now" (RFC 8428 section 4.5.3). */
    public static final double RELATIVE_LIMIT = 268_435_456.0;
    /** The earliest relative time accepted, -2^28 s (about 8.5 years before now): a ColdWatch bound. */
    public static final double MIN_RELATIVE = -RELATIVE_LIMIT;
    /** The latest absolute time accepted, 9999-12-31T23:59:59Z: a ColdWatch bound. */
    public static final double MAX_ABSOLUTE = 253_402_300_799.0;

    private static final double MICROS_PER_SECOND = 1e6;

    private SenmlTimes() {
    }

    /** Whether a (base time + time) sum is relative to "now" (RFC 8428 section 4.5.3). */
    public static boolean isRelative(double seconds) {
        return seconds < RELATIVE_LIMIT;
    }

    /** Whether a (base time + time) sum lies within {@link #MIN_RELATIVE} … {@link #MAX_ABSOLUTE}. */
    public static boolean isAccepted(double seconds) {
        return seconds >= MIN_RELATIVE && seconds <= MAX_ABSOLUTE;
    }

    /**
     * The instant a (base time + time) sum stands for, with relative times taken from {@code now}.
     *
     * @throws IllegalArgumentException if {@code seconds} is not {@link #isAccepted accepted}
     */
    public static Instant resolve(double seconds, Instant now) {
        if (!isAccepted(seconds)) {
            throw new IllegalArgumentException(seconds + " s is outside the accepted SenML time range");
        }
        long micros = Math.round(seconds * MICROS_PER_SECOND);
        return (isRelative(seconds) ? now : Instant.EPOCH).plus(micros, ChronoUnit.MICROS);
    }

    /** An absolute SenML time: seconds since 1970-01-01T00:00Z, with the instant's fraction. */
    public static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
