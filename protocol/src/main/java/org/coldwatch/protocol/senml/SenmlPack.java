package org.coldwatch.protocol.senml;

import java.time.Instant;
import java.util.List;

/**
 * A SenML pack: one or more records whose base fields apply to the records after them (RFC 8428 section 4). Every
 * pack is valid by construction: at least one and at most {@link SenmlLimits#MAX_RECORDS} records, one SenML version
 * not newer than 10, every non-base-only record with a name in the character set of section 4.5.1, exactly one value
 * or a sum, and a time within {@link SenmlTimes}' range.
 *
 * @param records the records in pack order
 */
public record SenmlPack(List<SenmlRecord> records) {

    /** @throws IllegalArgumentException if the records do not form a valid pack; its cause is the SenmlException */
    public SenmlPack {
        records = List.copyOf(records);
        try {
            Resolver.resolve(records, Instant.EPOCH);
        } catch (SenmlException e) {
            throw new IllegalArgumentException(e.diagnostic(), e);
        }
    }

    /**
     * A pack of {@code records}.
     *
     * @throws IllegalArgumentException if they do not form a valid pack
     */
    public static SenmlPack of(List<SenmlRecord> records) {
        return new SenmlPack(records);
    }

    /**
     * A pack of {@code records}.
     *
     * @throws IllegalArgumentException if they do not form a valid pack
     */
    public static SenmlPack of(SenmlRecord... records) {
        return new SenmlPack(List.of(records));
    }

    /**
     * Checks records the way the constructor does, but reports a violation as the checked exception a decoder passes
     * on to its caller.
     */
    static SenmlPack checked(List<SenmlRecord> records) throws SenmlException {
        Resolver.resolve(records, Instant.EPOCH);
        return new SenmlPack(records);
    }

    /**
     * The resolved records (RFC 8428 section 4.6) in chronological order (records of equal time keep pack order):
     * base fields applied, base-only records dropped, relative times (below 2^28) taken from {@code now}.
     *
     * @param now the receiver's "now", normally the time the pack arrived
     */
    public List<ResolvedRecord> resolve(Instant now) {
        try {
            return Resolver.resolve(records, now);
        } catch (SenmlException e) {
            throw new IllegalStateException("a constructed pack is valid whatever the time", e);
        }
    }
}
