package org.coldwatch.protocol;

import java.util.Optional;

/**
 * How far a reading's measurement time can be trusted. A Raspberry Pi has no real-time clock: until NTP has
 * synchronised the system clock after boot, the wall clock may be off by days. Sent in the optional reading field
 * {@code time} (absent means {@link #SYNCED}), see docs/protocol.md.
 */
public enum TimeQuality {
    /** Taken with a synchronised clock (the normal case; not written on the wire). */
    SYNCED(null),
    /** Taken before the clock was synchronised, and corrected afterwards from the monotonic clock. */
    CORRECTED("corrected"),
    /** Taken before the clock was synchronised and not correctable (the gateway rebooted before sync). */
    UNSYNCED("unsynced");

    private final String wireName;

    TimeQuality(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code time} field; null for {@link #SYNCED}, which is sent by leaving the field out. */
    public String wireName() {
        return wireName;
    }

    /** The quality written {@code name} on the wire ({@code corrected}, {@code unsynced}), if any. */
    public static Optional<TimeQuality> fromWireName(String name) {
        for (TimeQuality q : values()) {
            if (q.wireName != null && q.wireName.equals(name)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }
}
