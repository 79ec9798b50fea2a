package org.coldwatch.server.rollups;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.coldwatch.protocol.ReadingKind;

/**
 * How rollups are computed (server keys {@code rollups.*}, README "Server configuration").
 *
 * @param zone        the store's time zone: buckets follow its local minutes, hours and days
 * @param maxInterval the longest time one reading may represent (the cap of the time-in-range rule)
 * @param targets     the target range per kind, until rooms and produce define it; kinds without one report no
 *                    time in range
 */
public record RollupSettings(ZoneId zone, Duration maxInterval, Map<ReadingKind, TargetRange> targets) {

    public RollupSettings {
        Objects.requireNonNull(zone, "zone");
        if (maxInterval.isNegative() || maxInterval.isZero()) {
            throw new IllegalArgumentException("maxInterval must be positive: " + maxInterval);
        }
        targets = targets.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(targets));
    }

    /** Asia/Shanghai, 60 s, temperature 0…4 °C and humidity 90…95 %RH (see README for the sources). */
    public static RollupSettings defaults() {
        return new RollupSettings(ZoneId.of("Asia/Shanghai"), Duration.ofSeconds(60), Map.of(
                ReadingKind.TEMPERATURE, new TargetRange(0.0, 4.0),
                ReadingKind.HUMIDITY, new TargetRange(90.0, 95.0)));
    }

    /** The target range of {@code kind}, if one is configured. */
    public Optional<TargetRange> target(ReadingKind kind) {
        return Optional.ofNullable(targets.get(kind));
    }
}
