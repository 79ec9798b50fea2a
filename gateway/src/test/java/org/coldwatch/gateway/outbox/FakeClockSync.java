package org.coldwatch.gateway.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A Pi's clocks under a test's control: a wall clock that can be wrong and then jump, a monotonic clock, the
 * synchronisation flag and the boot id. {@link #wall} is the {@link Clock} to stamp readings with.
 */
final class FakeClockSync implements ClockSync {
    volatile boolean synced;
    volatile long monoMillis = 5_000;
    volatile String bootId = "boot-1";
    final WallClock wall;

    FakeClockSync(Instant wrongWallTime) {
        this.wall = new WallClock(wrongWallTime);
    }

    /** Time passes: both clocks run on. */
    void pass(Duration d) {
        monoMillis += d.toMillis();
        wall.now = wall.now.plus(d);
    }

    /** NTP arrives: the wall clock jumps to the true time and the flag is set. */
    void synchronise(Instant trueTime) {
        wall.now = trueTime;
        synced = true;
    }

    /** The box reboots: a new boot id, a monotonic clock from near zero, an unsynchronised wall clock. */
    void reboot(Instant wrongWallTime) {
        bootId = bootId + "'";
        monoMillis = 3_000;
        synced = false;
        wall.now = wrongWallTime;
    }

    @Override
    public boolean isSynchronized() {
        return synced;
    }

    @Override
    public long monotonicMillis() {
        return monoMillis;
    }

    @Override
    public String bootId() {
        return bootId;
    }

    static final class WallClock extends Clock {
        volatile Instant now;

        WallClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
