package org.coldwatch.protocol.senml;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A record with its pack's base fields applied and its time made absolute (RFC 8428 section 4.6): the form to store,
 * compare or convert. Produced by {@link SenmlPack#resolve(Instant)}.
 *
 * @param name       base name + name; never empty, within the character set of RFC 8428 section 4.5.1
 * @param unit       the record's unit, else the base unit, else empty (unitless or known from context, section 4.5.2)
 * @param time       base time + time; a relative time (below 2^28) taken from the "now" given to the resolution
 * @param value      the value, a number with the base value added; empty for a record that only carries a sum
 * @param sum        base sum + sum, if either is present (RFC 8428 section 4.5.4)
 * @param updateTime the update time, if present
 * @param version    the pack's SenML version, 10 unless bver said otherwise
 */
public record ResolvedRecord(String name, String unit, Instant time, Optional<SenmlValue> value, OptionalDouble sum,
                             Optional<Duration> updateTime, int version) {

    public ResolvedRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(sum, "sum");
        Objects.requireNonNull(updateTime, "updateTime");
    }

    /** A resolved measurement of SenML version 10 without sum or update time. */
    public static ResolvedRecord of(String name, String unit, Instant time, SenmlValue value) {
        return new ResolvedRecord(name, unit, time, Optional.of(value), OptionalDouble.empty(), Optional.empty(),
                SenmlLimits.SENML_VERSION);
    }

    /** The numeric value, if the value is a number. */
    public OptionalDouble number() {
        return value.filter(SenmlValue.Numeric.class::isInstance)
                .map(v -> OptionalDouble.of(((SenmlValue.Numeric) v).value()))
                .orElse(OptionalDouble.empty());
    }
}
