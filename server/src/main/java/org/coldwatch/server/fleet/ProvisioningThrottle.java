package org.coldwatch.server.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Limits how fast anyone can guess provisioning codes: at most {@code perAddress} failed attempts from one remote
 * address, and {@code overall} from all addresses together, within a sliding {@code window}. A success does not
 * count. Pure logic on an injected clock; thread-safe.
 *
 * <p>With the defaults (5 per address, 100 overall, per 10 minutes) an attacker gets at most 14,400 guesses a day
 * against a 60-bit code space: the chance of hitting one of a few live codes within a code's lifetime is nil.
 */
public final class ProvisioningThrottle {
    private final int perAddress;
    private final int overall;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failuresByAddress = new HashMap<>();
    private final Deque<Instant> allFailures = new ArrayDeque<>();

    public ProvisioningThrottle(int perAddress, int overall, Duration window, Clock clock) {
        this.perAddress = perAddress;
        this.overall = overall;
        this.window = window;
        this.clock = clock;
    }

    /** The defaults described above. */
    public static ProvisioningThrottle standard(Clock clock) {
        return new ProvisioningThrottle(5, 100, Duration.ofMinutes(10), clock);
    }

    /**
     * Whether {@code address} may try a code now.
     *
     * @return empty if it may; otherwise how long until it may try again
     */
    public synchronized Optional<Duration> blockedFor(String address) {
        Instant now = clock.instant();
        expire(now);
        Deque<Instant> own = failuresByAddress.get(address);
        Instant until = null;
        if (own != null && own.size() >= perAddress) {
            until = own.peekFirst().plus(window);
        }
        if (allFailures.size() >= overall) {
            Instant globalUntil = allFailures.peekFirst().plus(window);
            until = until == null || globalUntil.isAfter(until) ? globalUntil : until;
        }
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /** Records a failed attempt (unknown, expired or used code) from {@code address}. */
    public synchronized void failed(String address) {
        Instant now = clock.instant();
        failuresByAddress.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(now);
        allFailures.addLast(now);
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(window);
        while (!allFailures.isEmpty() && !allFailures.peekFirst().isAfter(cutoff)) {
            allFailures.removeFirst();
        }
        Iterator<Deque<Instant>> addresses = failuresByAddress.values().iterator();
        while (addresses.hasNext()) {
            Deque<Instant> failures = addresses.next();
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) {
                failures.removeFirst();
            }
            if (failures.isEmpty()) {
                addresses.remove();
            }
        }
    }
}
