package org.coldwatch.server.rollups;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The time window of a rollup query: buckets whose start lies in {@code [from, to)}.
 *
 * <p>Each end is given as milliseconds since the epoch ({@code 1796256000000}), a local date-time in the store's zone
 * ({@code 2026-12-03T08:00}) or a local date ({@code 2026-12-03}); a date as {@code from} means the start of that day,
 * as {@code to} the end of it, so {@code from=2026-12-01&to=2026-12-03} are three whole days. Without {@code to} the
 * window ends now; without {@code from} it spans one hour of minutes, one day of hours or 31 days of days, starting
 * at a bucket boundary.
 *
 * @param from first instant included
 * @param to   first instant excluded
 */
public record RollupWindow(Instant from, Instant to) {

    public RollupWindow {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    /**
     * Reads a window from the query parameters.
     *
     * @throws IllegalArgumentException naming the parameter, if one cannot be read or from is not before to
     */
    public static RollupWindow parse(Optional<String> from, Optional<String> to, Resolution resolution, ZoneId zone,
                                     Instant now) {
        Instant end = to.map(text -> point("to", text, zone, true)).orElse(now);
        Instant start = from.map(text -> point("from", text, zone, false)).orElseGet(() ->
                resolution.bucketStart(end.minus(defaultSpan(resolution)), zone).toInstant());
        return new RollupWindow(start, end);
    }

    private static Duration defaultSpan(Resolution resolution) {
        return switch (resolution) {
            case MINUTE -> Duration.ofHours(1);
            case HOUR -> Duration.ofDays(1);
            case DAY -> Duration.ofDays(31);
        };
    }

    private static Instant point(String name, String text, ZoneId zone, boolean endOfDay) {
        String t = text.trim();
        try {
            if (t.matches("-?\\d+")) {
                return Instant.ofEpochMilli(Long.parseLong(t));
            }
            if (t.contains("T")) {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            }
            LocalDate date = LocalDate.parse(t);
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text
                    + "' is neither milliseconds since 1970 nor a local date (2026-12-03) or date-time (2026-12-03T08:00)");
        }
    }
}
