package org.coldwatch.gateway.alarm;

/** Receives every alarm state change, e.g. to publish it to the server. Must be quick and must not throw. */
@FunctionalInterface
public interface AlarmEventSink {

    /** Ignores events. */
    AlarmEventSink NONE = event -> { };

    /** @param event a change, in the order they happened */
    void accept(AlarmEvent event);

    /** Called on every alarm tick (once a second): a chance to send what waited for the link. */
    default void idle() {
    }
}
