package org.coldwatch.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Refuses measurement times that cannot be right: too far in the receiver's future (a gateway clock that jumped) or
 * older than the longest outage an outbox is expected to bridge. Readings marked {@link TimeQuality#UNSYNCED} are
 * exempt: their time is known to be unreliable. Pure logic: the caller passes "now".
 *
 * @param maxAhead  how far in the future a measurement may lie (clock skew allowance)
 * @param maxBehind how far in the past a measurement may lie (longest outage plus margin)
 */
public record MeasurementTimeCheck(Duration maxAhead, Duration maxBehind) {

    /** The defaults of contract v1: 5 minutes ahead, 180 days behind. */
    public static final MeasurementTimeCheck DEFAULT =
            new MeasurementTimeCheck(Duration.ofMinutes(5), Duration.ofDays(180));

    /** The first implausible measurement time in the batch, described precisely; empty if all are plausible. */
    public Optional<String> firstProblem(TelemetryBatch batch, Instant now) {
        Instant latest = now.plus(maxAhead);
        Instant earliest = now.minus(maxBehind);
        for (int i = 0; i < batch.readings().size(); i++) {
            if (batch.readings().get(i).timeQuality() == TimeQuality.UNSYNCED) {
                continue;
            }
            Instant at = batch.readings().get(i).measuredAt();
            if (at.isAfter(latest)) {
                return Optional.of("readings[" + i + "].timeMs: " + at + " is "
                        + describe(Duration.between(now, at)) + " ahead of the server clock " + now
                        + " (allowed: " + describe(maxAhead) + ")");
            }
            if (at.isBefore(earliest)) {
                return Optional.of("readings[" + i + "].timeMs: " + at + " is "
                        + describe(Duration.between(at, now)) + " behind the server clock " + now
                        + " (allowed: " + describe(maxBehind) + ")");
            }
        }
        return Optional.empty();
    }

    private static String describe(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours";
        }
        if (d.toMinutes() >= 2) {
            return d.toMinutes() + " minutes";
        }
        return d.toSeconds() + " seconds";
    }
}
