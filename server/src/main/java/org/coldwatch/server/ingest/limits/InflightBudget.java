package org.coldwatch.server.ingest.limits;

/**
 * The server-wide budget of payload bytes received but not yet answered. Above the high-water mark the endpoint
 * stops reading from its connections; once the bytes fall below the low-water mark it reads again. Nothing is
 * refused or dropped: the budget only decides when to stop and when to resume reading.
 *
 * <p>Pure and thread-safe. {@link #add} and {@link #release} report the transitions, so the caller pauses and
 * resumes exactly once per crossing.
 */
public final class InflightBudget {
    private final long highWaterBytes;
    private final long lowWaterBytes;
    private long bytes;
    private long messages;
    private boolean over;

    /**
     * @param highWaterBytes stop reading above this many bytes in flight, at least 1
     * @param lowWaterBytes  resume below this many, less than {@code highWaterBytes}
     */
    public InflightBudget(long highWaterBytes, long lowWaterBytes) {
        if (highWaterBytes < 1 || lowWaterBytes < 0 || lowWaterBytes >= highWaterBytes) {
            throw new IllegalArgumentException("need 0 <= low water (" + lowWaterBytes + ") < high water ("
                    + highWaterBytes + ")");
        }
        this.highWaterBytes = highWaterBytes;
        this.lowWaterBytes = lowWaterBytes;
    }

    /** A budget of {@code bytes} that resumes at half of it. */
    public static InflightBudget of(long bytes) {
        return new InflightBudget(bytes, bytes / 2);
    }

    /**
     * A message of {@code size} bytes was received.
     *
     * @return true if this took the budget over its high-water mark: stop reading now
     */
    public synchronized boolean add(long size) {
        bytes += size;
        messages++;
        if (!over && bytes > highWaterBytes) {
            over = true;
            return true;
        }
        return false;
    }

    /**
     * A message of {@code size} bytes was answered (or its connection is gone).
     *
     * @return true if this took the budget, which was over, below its low-water mark: resume reading now
     */
    public synchronized boolean release(long size) {
        bytes -= size;
        messages--;
        if (over && bytes < lowWaterBytes) {
            over = false;
            return true;
        }
        return false;
    }

    /** Whether reading is stopped now. */
    public synchronized boolean over() {
        return over;
    }

    /** Payload bytes in flight now. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Messages in flight now. */
    public synchronized long messages() {
        return messages;
    }

    /** The high-water mark in bytes. */
    public long highWaterBytes() {
        return highWaterBytes;
    }
}
