package org.coldwatch.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How much disk the outbox may use and what it does when that is used up (keys {@code outbox.maxBytes},
 * {@code outbox.minFreeDiskBytes}, {@code outbox.fullPolicy}, {@code outbox.thinToOnePerMinutes}; see
 * gateway/CONFIGURATION.md). Never drops readings silently: either the oldest day is thinned, counted and reported,
 * or new readings are refused, counted and reported.
 *
 * @param maxBytes            most bytes of live SQLite pages (page_count − freelist_count) × page_size
 * @param minFreeDiskBytes    the outbox counts as full when the volume has less free space than this
 * @param fullPolicy          what happens to new readings once full
 * @param thinToOnePerMinutes {@link FullPolicy#THIN_OLDEST} keeps one reading per sensor per this many minutes
 */
public record OutboxLimits(long maxBytes, long minFreeDiskBytes, FullPolicy fullPolicy, int thinToOnePerMinutes) {

    /** 256 MiB: about 207 days of 32 sensors × 1/min at the compact schema's ~28 B/reading (docs/benchmarks.md). */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    /** 64 MiB kept free for the OS, logs and SQLite's own WAL. */
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 64L * 1024 * 1024;
    /** Default thinning resolution: one reading per sensor per 10 minutes on the oldest day. */
    public static final int DEFAULT_THIN_TO_ONE_PER_MINUTES = 10;

    /** The defaults above, policy {@link FullPolicy#THIN_OLDEST}. */
    public static OutboxLimits defaults() {
        return new OutboxLimits(DEFAULT_MAX_BYTES, DEFAULT_MIN_FREE_DISK_BYTES, FullPolicy.THIN_OLDEST,
                DEFAULT_THIN_TO_ONE_PER_MINUTES);
    }

    /** The thinning resolution as a duration. */
    public Duration thinInterval() {
        return Duration.ofMinutes(thinToOnePerMinutes);
    }

    /** Adds a message naming the key for every bad value to {@code problems}. */
    void validate(List<String> problems) {
        if (maxBytes < 1024 * 1024) {
            problems.add("outbox.maxBytes: must be at least 1048576 (1 MiB), was " + maxBytes);
        }
        if (minFreeDiskBytes < 0) {
            problems.add("outbox.minFreeDiskBytes: must be 0 or more, was " + minFreeDiskBytes);
        }
        if (fullPolicy == null) {
            problems.add("outbox.fullPolicy: must be one of thin-oldest, refuse-new");
        }
        if (thinToOnePerMinutes < 1 || thinToOnePerMinutes > 1440) {
            problems.add("outbox.thinToOnePerMinutes: must be 1…1440, was " + thinToOnePerMinutes);
        }
    }

    /** What the outbox does with new readings once it is full. */
    public enum FullPolicy {
        /** Keep every new reading; make room by thinning the oldest day to one reading per sensor per N minutes. */
        THIN_OLDEST("thin-oldest"),
        /** Keep everything stored; refuse new readings (counted by the intake) until the server has taken some. */
        REFUSE_NEW("refuse-new");

        private final String configName;

        FullPolicy(String configName) {
            this.configName = configName;
        }

        /** The value as written in the config file. */
        public String configName() {
            return configName;
        }

        /** The policy written {@code name} in the config file, if any. */
        public static Optional<FullPolicy> fromConfigName(String name) {
            for (FullPolicy p : values()) {
                if (p.configName.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }
}
