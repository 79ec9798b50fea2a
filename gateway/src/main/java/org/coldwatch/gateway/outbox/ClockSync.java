package org.coldwatch.gateway.outbox;

/**
 * Whether the wall clock can be trusted yet, and a clock that can be trusted meanwhile. A Raspberry Pi has no
 * real-time clock: after boot its wall clock starts where it stopped (or in 1970) until NTP synchronises it. The
 * outbox marks readings taken before that with their monotonic time and corrects them once the clock is synchronised:
 * measured = synchronised wall time − (monotonic now − monotonic at reading).
 */
public interface ClockSync {

    /** Whether the wall clock is synchronised now. Once true it is expected to stay true until reboot. */
    boolean isSynchronized();

    /** Milliseconds of a clock that never jumps and runs on across process restarts within one boot. */
    long monotonicMillis();

    /** Identifies the current boot: monotonic times of another boot cannot be compared with this one's. */
    String bootId();

    /**
     * A clock that is always synchronised (no correction ever needed): tests, tools, boxes with an RTC. Its boot id
     * is the machine's, so a tool opening the outbox of a running gateway does not give up that gateway's pending
     * corrections.
     */
    static ClockSync alwaysSynchronized() {
        String bootId = TimesyncdClockSync.currentBootId();
        return new ClockSync() {
            @Override
            public boolean isSynchronized() {
                return true;
            }

            @Override
            public long monotonicMillis() {
                return System.nanoTime() / 1_000_000;
            }

            @Override
            public String bootId() {
                return bootId;
            }
        };
    }
}
