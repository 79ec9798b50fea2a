package org.coldwatch.protocol.senml;

/**
 * One SenML record as it travels, before resolution (RFC 8428 section 4): base fields that apply to this and all
 * later records of the pack until overridden, and regular fields that apply to this record only. A {@code null}
 * component is a field that is absent.
 *
 * <p>Build records with the named factories and {@code with…} methods, e.g.
 * {@code SenmlRecord.numeric("temperature", 1.8, "Cel").withBaseName("node-7/").withBaseTime(1.7954208e9)}.
 * Whether a list of records forms a valid pack is checked by {@link SenmlPack}.
 *
 * @param baseName    bn: prepended to the names of this and later records
 * @param baseTime    bt: seconds added to the times of this and later records
 * @param baseUnit    bu: the unit of this and later records that carry none
 * @param baseValue   bv: added to the numeric values of this and later records
 * @param baseSum     bs: added to the sums of this and later records
 * @param baseVersion bver: the SenML version, a positive integer, 10 when absent
 * @param name        n: appended to the base name
 * @param unit        u: a SenML unit symbol (RFC 8428 section 12.1)
 * @param value       v, vs, vb or vd: the one value of the record
 * @param sum         s: the integrated sum of the value over time, in unit·seconds
 * @param time        t: seconds; absolute from 2^28 on, else relative to now (see {@link SenmlTimes})
 * @param updateTime  ut: seconds until the sensor reports again at the latest; not negative
 */
public record SenmlRecord(String baseName, Double baseTime, String baseUnit, Double baseValue, Double baseSum,
                          Integer baseVersion, String name, String unit, SenmlValue value, Double sum, Double time,
                          Double updateTime) {

    public SenmlRecord {
        requireFinite(baseTime, "bt");
        requireFinite(baseValue, "bv");
        requireFinite(baseSum, "bs");
        requireFinite(sum, "s");
        requireFinite(time, "t");
        requireFinite(updateTime, "ut");
        if (baseVersion != null && baseVersion < 1) {
            throw new IllegalArgumentException("bver: must be a positive integer, was " + baseVersion);
        }
        if (updateTime != null && updateTime < 0) {
            throw new IllegalArgumentException("ut: must not be negative, was " + updateTime);
        }
    }

    /** A record without any field, to be completed with the {@code with…} methods. */
    public static SenmlRecord empty() {
        return new SenmlRecord(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A record with a name and a value. */
    public static SenmlRecord of(String name, SenmlValue value) {
        return empty().withName(name).withValue(value);
    }

    /** A numeric measurement: name, value ({@code v}) and unit. */
    public static SenmlRecord numeric(String name, double value, String unit) {
        return of(name, new SenmlValue.Numeric(value)).withUnit(unit);
    }

    /** A boolean measurement ({@code vb}), e.g. a switch or a door contact. */
    public static SenmlRecord bool(String name, boolean value) {
        return of(name, new SenmlValue.Bool(value));
    }

    /** A string value ({@code vs}). */
    public static SenmlRecord text(String name, String value) {
        return of(name, new SenmlValue.Text(value));
    }

    /** This record with base name {@code bn}. */
    public SenmlRecord withBaseName(String bn) {
        return new SenmlRecord(bn, baseTime, baseUnit, baseValue, baseSum, baseVersion, name, unit, value, sum, time,
                updateTime);
    }

    /** This record with base time {@code bt} in seconds. */
    public SenmlRecord withBaseTime(double bt) {
        return new SenmlRecord(baseName, bt, baseUnit, baseValue, baseSum, baseVersion, name, unit, value, sum, time,
                updateTime);
    }

    /** This record with base unit {@code bu}. */
    public SenmlRecord withBaseUnit(String bu) {
        return new SenmlRecord(baseName, baseTime, bu, baseValue, baseSum, baseVersion, name, unit, value, sum, time,
                updateTime);
    }

    /** This record with base value {@code bv}. */
    public SenmlRecord withBaseValue(double bv) {
        return new SenmlRecord(baseName, baseTime, baseUnit, bv, baseSum, baseVersion, name, unit, value, sum, time,
                updateTime);
    }

    /** This record with base sum {@code bs}. */
    public SenmlRecord withBaseSum(double bs) {
        return new SenmlRecord(baseName, baseTime, baseUnit, baseValue, bs, baseVersion, name, unit, value, sum, time,
                updateTime);
    }

    /** This record with base version {@code bver}. */
    public SenmlRecord withBaseVersion(int bver) {
        return new SenmlRecord(baseName, baseTime, baseUnit, baseValue, baseSum, bver, name, unit, value, sum, time,
                updateTime);
    }

    /** This record with name {@code n}. */
    public SenmlRecord withName(String n) {
        return new SenmlRecord(baseName, baseTime, baseUnit, baseValue, baseSum, baseVersion, n, unit, value, sum, time,
                updateTime);
    }

    /** This record with unit {@code u}. */
    public SenmlRecord withUnit(String u) {
        return new SenmlRecord(baseName, baseTime, baseUnit, baseValue, baseSum, baseVersion, name, u, value, sum, time,
                updateTime);
    }

    /** This record with value {@code v} (replacing any other value). */
    public SenmlRecord withValue(SenmlValue v) {
        return new SenmlRecord(baseName, baseTime, baseUnit, baseValue, baseSum, baseVersion, name, unit, v, sum, time,
                updateTime);
    }

    /** This record with sum {@code s}. */
    public SenmlRecord withSum(double s) {
        return new SenmlRecord(baseName, baseTime, baseUnit, baseValue, baseSum, baseVersion, name, unit, value, s, time,
                updateTime);
    }

    /** This record with time {@code t} in seconds (see {@link SenmlTimes}). */
    public SenmlRecord withTime(double t) {
        return new SenmlRecord(baseName, baseTime, baseUnit, baseValue, baseSum, baseVersion, name, unit, value, sum, t,
                updateTime);
    }

    /** This record with update time {@code ut} in seconds. */
    public SenmlRecord withUpdateTime(double ut) {
        return new SenmlRecord(baseName, baseTime, baseUnit, baseValue, baseSum, baseVersion, name, unit, value, sum,
                time, ut);
    }

    /**
     * Whether the record carries only base fields, like the first record of RFC 8428 section 5.1.7. Such a record sets
     * base values for the records after it and resolves to no record of its own.
     */
    public boolean isBaseOnly() {
        boolean regular = name != null || unit != null || value != null || sum != null || time != null
                || updateTime != null;
        boolean base = baseName != null || baseTime != null || baseUnit != null || baseValue != null
                || baseSum != null || baseVersion != null;
        return base && !regular;
    }

    private static void requireFinite(Double number, String label) {
        if (number != null && !Double.isFinite(number)) {
            throw new IllegalArgumentException(label + ": " + number + " is not a finite number");
        }
    }
}
