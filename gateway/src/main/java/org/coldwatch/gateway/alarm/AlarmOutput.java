package org.coldwatch.gateway.alarm;

/** What makes the alarm heard in the cold room: a buzzer, a relay switching a siren or a light. */
public interface AlarmOutput extends AutoCloseable {

    /** An output that does nothing, for a gateway without a buzzer (the alarm is still evaluated and published). */
    AlarmOutput NONE = new AlarmOutput() {
        @Override
        public void sound(boolean on) {
            // nothing wired
        }

        @Override
        public void close() {
            // nothing to release
        }
    };

    /** Switches the output on or off; idempotent. Must not throw: a failure is logged by the implementation. */
    void sound(boolean on);

    /** Switches the output off and releases it. */
    @Override
    void close();
}
