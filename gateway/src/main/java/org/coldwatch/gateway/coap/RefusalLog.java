package org.coldwatch.gateway.coap;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coldwatch.gateway.coap.Admission.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refusals so that a misbehaving node cannot flood the log of an SD card: the first refusal of a reason from a
 * host in a minute is a WARN with its diagnostic, the rest of that minute DEBUG (the counters in {@link CoapStats}
 * still count every one). Thread-safe.
 */
final class RefusalLog {
    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);
    /** How long after a WARN the same host and reason log only at DEBUG. */
    static final Duration QUIET = Duration.ofMinutes(1);
    /** Hosts and reasons remembered; the oldest are forgotten first. */
    private static final int MAX_KEYS = 256;

    private record Key(InetAddress host, String reason) {
    }

    private final Clock clock;
    private final Map<Key, Instant> lastWarned = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Instant> eldest) {
            return size() > MAX_KEYS;
        }
    };

    RefusalLog(Clock clock) {
        this.clock = clock;
    }

    /** Logs one refusal; {@code cause} is extra detail for the log only (may be empty). */
    void refused(InetAddress host, int port, Refused refused, String cause) {
        if (shouldWarn(host, refused.reason())) {
            LOG.warn("coap: peer={}:{} refused code={} reason={} diagnostic={}{} (same host and reason: DEBUG for {}"
                    + " s)", host.getHostAddress(), port, CoapCodes.text(refused.coapCode()), refused.reason(),
                    refused.diagnostic(), cause, QUIET.toSeconds());
        } else {
            LOG.debug("coap: peer={}:{} refused code={} reason={} diagnostic={}{}", host.getHostAddress(), port,
                    CoapCodes.text(refused.coapCode()), refused.reason(), refused.diagnostic(), cause);
        }
    }

    /** Whether this refusal gets a WARN; package-private for tests. */
    synchronized boolean shouldWarn(InetAddress host, String reason) {
        Key key = new Key(host, reason);
        Instant now = clock.instant();
        Instant last = lastWarned.get(key);
        if (last != null && now.isBefore(last.plus(QUIET)) && !now.isBefore(last)) {
            return false;
        }
        lastWarned.put(key, now);
        return true;
    }
}
