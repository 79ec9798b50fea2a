package org.coldwatch.gateway.sensor.door;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A debounced door transition.
 *
 * @param open    the new state
 * @param at      when the contact first left the old state (the start of the bounce, not its end)
 * @param openFor on closing, how long the door stood open; empty on opening or when the opening was not seen
 */
public record DoorChange(boolean open, Instant at, Optional<Duration> openFor) {
}
