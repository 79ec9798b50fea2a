package org.coldwatch.server.rollups;

/**
 * What a bucket knows about its readings. Values form a commutative monoid under {@link #merge}: merging is
 * associative, order does not matter and {@link #EMPTY} is neutral, so an hour is the merge of its minutes and a day
 * the merge of its hours, in any grouping.
 *
 * @param count         readings in the bucket
 * @param sum           sum of their values (the mean is {@code sum / count})
 * @param min           smallest value ({@code +∞} when empty)
 * @param max           largest value ({@code −∞} when empty)
 * @param coveredMillis time represented by the bucket's readings (see {@link RollupCalculator} for the rule)
 * @param inRangeMillis the part of {@code coveredMillis} whose reading lay within the target range
 */
public record RollupStats(long count, double sum, double min, double max, long coveredMillis, long inRangeMillis) {

    /** The bucket without readings. */
    public static final RollupStats EMPTY =
            new RollupStats(0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 0);

    /** The bucket of one reading that represents {@code coveredMillis}, in range or not. */
    public static RollupStats of(double value, long coveredMillis, boolean inRange) {
        return new RollupStats(1, value, value, value, coveredMillis, inRange ? coveredMillis : 0);
    }

    /** Both buckets' readings together. */
    public RollupStats merge(RollupStats other) {
        return new RollupStats(count + other.count, sum + other.sum, Math.min(min, other.min),
                Math.max(max, other.max), coveredMillis + other.coveredMillis, inRangeMillis + other.inRangeMillis);
    }

    /**
     * What this bucket gained since it was {@code before}, as a value to {@link #merge} into the wider buckets that
     * contain it: counts, sums and times as differences, min and max as they are now. Exact because readings are only
     * ever added, never removed, so min can only fall and max only rise: {@code before.merge(gainedSince(before))}
     * equals this.
     */
    public RollupStats gainedSince(RollupStats before) {
        return new RollupStats(count - before.count, sum - before.sum, min, max,
                coveredMillis - before.coveredMillis, inRangeMillis - before.inRangeMillis);
    }

    /** The mean value; NaN when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }
}
