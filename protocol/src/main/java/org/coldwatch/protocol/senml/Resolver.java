package org.coldwatch.protocol.senml;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.coldwatch.protocol.senml.SenmlException.Problem;

/**
 * Checks a list of records against RFC 8428 and resolves it (section 4.6) in one walk, so that what is checked and
 * what is resolved cannot drift apart. {@link SenmlPack} runs it once on construction (with any "now"), which makes
 * every pack valid; {@link SenmlPack#resolve(Instant)} runs it again with the receiver's "now".
 */
final class Resolver {
    /** RFC 8428 section 4.5.1: A-Z a-z 0-9 - : . / _, starting with a letter or digit. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:./_-]*");

    private Resolver() {
    }

    static List<ResolvedRecord> resolve(List<SenmlRecord> records, Instant now) throws SenmlException {
        if (records.isEmpty()) {
            throw new SenmlException(Problem.RECORD_COUNT,
                    "a pack needs at least one record (RFC 8428 section 11: SenML-Pack = [1* record])");
        }
        if (records.size() > SenmlLimits.MAX_RECORDS) {
            throw new SenmlException(Problem.RECORD_COUNT, records.size() + " records in one pack; the limit is "
                    + SenmlLimits.MAX_RECORDS);
        }
        int version = version(records.get(0));
        String baseName = "";
        double baseTime = 0;
        String baseUnit = "";
        Double baseValue = null;
        Double baseSum = null;
        List<ResolvedRecord> resolved = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            SenmlRecord r = records.get(i);
            String at = "[" + i + "]";
            if (r.baseVersion() != null && r.baseVersion() != version) {
                throw new SenmlException(Problem.UNSUPPORTED_VERSION, at + ".bver: " + r.baseVersion()
                        + " differs from the pack's version " + version
                        + "; all records of a pack have the same version (RFC 8428 section 4.4)");
            }
            baseName = r.baseName() != null ? r.baseName() : baseName;
            baseTime = r.baseTime() != null ? r.baseTime() : baseTime;
            baseUnit = r.baseUnit() != null ? r.baseUnit() : baseUnit;
            baseValue = r.baseValue() != null ? r.baseValue() : baseValue;
            baseSum = r.baseSum() != null ? r.baseSum() : baseSum;
            if (r.isBaseOnly()) {
                continue;
            }
            String name = name(at, baseName, r.name());
            if (r.value() == null && r.sum() == null && baseSum == null) {
                throw new SenmlException(Problem.VALUE_COUNT, at + ": no value; a record carries exactly one of v, vs,"
                        + " vb, vd unless it has a sum (RFC 8428 section 4.2)");
            }
            resolved.add(new ResolvedRecord(name, r.unit() != null ? r.unit() : baseUnit,
                    time(at, baseTime, r.time(), now), value(at, baseValue, r.value()), sum(at, baseSum, r.sum()),
                    Optional.ofNullable(r.updateTime()).map(Resolver::duration), version));
        }
        resolved.sort(Comparator.comparing(ResolvedRecord::time));
        return List.copyOf(resolved);
    }

    private static int version(SenmlRecord first) throws SenmlException {
        int version = first.baseVersion() != null ? first.baseVersion() : SenmlLimits.SENML_VERSION;
        if (version > SenmlLimits.SENML_VERSION) {
            throw new SenmlException(Problem.UNSUPPORTED_VERSION, "[0].bver: version " + version
                    + " is newer than SenML version " + SenmlLimits.SENML_VERSION
                    + " that this receiver understands (RFC 8428 section 4.4)");
        }
        return version;
    }

    private static String name(String at, String baseName, String name) throws SenmlException {
        String full = baseName + (name == null ? "" : name);
        if (full.isEmpty()) {
            throw new SenmlException(Problem.MISSING_NAME,
                    at + ": no name; give n, or bn in this or an earlier record (RFC 8428 section 4.2)");
        }
        if (!NAME.matcher(full).matches()) {
            throw new SenmlException(Problem.INVALID_NAME, at + ": name '" + abbreviate(full)
                    + "' (bn + n) must consist of A-Z a-z 0-9 - : . / _ and start with a letter or digit"
                    + " (RFC 8428 section 4.5.1)");
        }
        return full;
    }

    private static Instant time(String at, double baseTime, Double time, Instant now) throws SenmlException {
        double seconds = baseTime + (time == null ? 0 : time);
        if (!SenmlTimes.isAccepted(seconds)) {
            throw new SenmlException(Problem.TIME_OUT_OF_RANGE, at + ": time bt + t = " + seconds
                    + " s is outside the accepted range: relative times down to -2^28 s, absolute times up to"
                    + " 9999-12-31T23:59:59Z (" + (long) SenmlTimes.MAX_ABSOLUTE + " s)");
        }
        return SenmlTimes.resolve(seconds, now);
    }

    private static Optional<SenmlValue> value(String at, Double baseValue, SenmlValue value) throws SenmlException {
        if (value instanceof SenmlValue.Numeric numeric && baseValue != null) {
            double sum = baseValue + numeric.value();
            if (!Double.isFinite(sum)) {
                throw new SenmlException(Problem.NON_FINITE_NUMBER, at + ": bv + v overflows to " + sum);
            }
            return Optional.of(new SenmlValue.Numeric(sum));
        }
        return Optional.ofNullable(value);
    }

    private static OptionalDouble sum(String at, Double baseSum, Double sum) throws SenmlException {
        if (baseSum == null && sum == null) {
            return OptionalDouble.empty();
        }
        double total = (baseSum == null ? 0 : baseSum) + (sum == null ? 0 : sum);
        if (!Double.isFinite(total)) {
            throw new SenmlException(Problem.NON_FINITE_NUMBER, at + ": bs + s overflows to " + total);
        }
        return OptionalDouble.of(total);
    }

    private static Duration duration(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
