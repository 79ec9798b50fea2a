package org.coldwatch.sim.devices;

import java.time.Duration;

/**
 * How a mechanical contact chatters after it changes state: within {@code window} after the first touch (or release)
 * it toggles back and forth between one and {@code maxBouncePairs} times before settling.
 *
 * <p>Jack Ganssle's measurements of real switches ("A Guide to Debouncing", 2004/2008) found bounce lasting from well
 * under a millisecond to about 6 ms, occasionally longer; reed switches sit at the short end. {@link #typical()} uses
 * a few milliseconds so a gateway's debounce filter has something real to do.
 *
 * @param window         how long the chatter lasts after the first edge; zero for none
 * @param maxBouncePairs the most back-and-forth pairs within the window; zero for none
 */
public record ContactBounce(Duration window, int maxBouncePairs) {

    /** A perfect contact: one clean edge per transition. */
    public static final ContactBounce NONE = new ContactBounce(Duration.ZERO, 0);

    /** Validates the parameters. */
    public ContactBounce {
        if (window.isNegative() || maxBouncePairs < 0) {
            throw new IllegalArgumentException("window and maxBouncePairs must not be negative");
        }
        if (maxBouncePairs > 0 && window.isZero()) {
            throw new IllegalArgumentException("bounce pairs need a window longer than zero");
        }
    }

    /** Up to three bounce pairs within 5 ms. */
    public static ContactBounce typical() {
        return new ContactBounce(Duration.ofMillis(5), 3);
    }
}
