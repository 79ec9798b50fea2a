package org.coldwatch.server.rollups;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * The width of a rollup bucket, in the store's local calendar.
 *
 * <p>Buckets start at local wall-clock boundaries: a minute and an hour are truncated local date-times (in a
 * daylight-saving overlap the repeated hour is two buckets, told apart by their offsets), a day is
 * {@link java.time.LocalDate#atStartOfDay(ZoneId)}, which is correct also where a DST change skips midnight. A bucket
 * is identified by its start instant.
 */
public enum Resolution {
    /** One local minute. */
    MINUTE,
    /** One local hour. */
    HOUR,
    /** One local calendar day (23, 24 or 25 hours where DST applies). */
    DAY;

    /** The lower-case name used in the API and the database, e.g. {@code hour}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The resolution with this label, if any. */
    public static Optional<Resolution> fromLabel(String label) {
        for (Resolution r : values()) {
            if (r.label().equals(label)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The start of the bucket that contains {@code instant}, in {@code zone}. */
    public ZonedDateTime bucketStart(Instant instant, ZoneId zone) {
        ZonedDateTime local = ZonedDateTime.ofInstant(instant, zone);
        return switch (this) {
            case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            case DAY -> local.toLocalDate().atStartOfDay(zone);
        };
    }

    /** The start of the bucket after the one starting at {@code start} (its exclusive end). */
    public ZonedDateTime nextBucketStart(ZonedDateTime start) {
        return switch (this) {
            case MINUTE -> bucketStart(start.toInstant().plusSeconds(60), start.getZone());
            case HOUR -> bucketStart(start.toInstant().plusSeconds(3_600), start.getZone());
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
        };
    }

    /** The next wider resolution (minute → hour → day), if any. */
    public Optional<Resolution> coarser() {
        return switch (this) {
            case MINUTE -> Optional.of(HOUR);
            case HOUR -> Optional.of(DAY);
            case DAY -> Optional.empty();
        };
    }
}
