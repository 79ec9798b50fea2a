package org.coldwatch.gateway.sensor;

/**
 * Notices a frozen converter: the same raw word {@code limit} times in a row. A live sensor's least significant bits
 * flicker with noise, so exact repeats of a full-resolution word over many reads mean the value no longer follows the
 * world. Plain logic, not thread-safe.
 */
public final class StuckDetector {
    private final int limit;
    private long last;
    private int repeats;

    /** @param limit how many identical words in a row count as stuck; 0 turns detection off */
    public StuckDetector(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        this.limit = limit;
    }

    /**
     * Records one raw word.
     *
     * @return {@code true} when this is at least the {@code limit}-th identical word in a row
     */
    public boolean stuckAfter(long raw) {
        if (repeats > 0 && raw == last) {
            repeats++;
        } else {
            last = raw;
            repeats = 1;
        }
        return limit > 0 && repeats >= limit;
    }

    /** How many identical words in a row were seen last. */
    public int repeats() {
        return repeats;
    }
}
