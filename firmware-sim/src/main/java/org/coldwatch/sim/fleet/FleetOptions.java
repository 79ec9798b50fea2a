package org.coldwatch.sim.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.coldwatch.protocol.Limits;

/**
 * What a fleet run does, validated once when built: every problem is reported with the option's name.
 *
 * @param target             the broker or server, {@code tcp://host:port} (or {@code ssl://})
 * @param credentials        one entry per virtual gateway; their number is the fleet size
 * @param sensorsPerGateway  sensors per gateway (kinds cycle temperature, humidity, temperature, weight, door)
 * @param readingsPerMessage readings in one telemetry batch, 1…{@value Limits#MAX_READINGS_PER_BATCH}
 * @param pace               interval per gateway or total rate
 * @param duration           how long batches are scheduled, from the start (ramp-up included)
 * @param rampUp             connects (and first sends) are spread evenly over this time; zero = all at once
 * @param firstSeq           the sequence number of every gateway's first batch (then contiguous)
 * @param maxInflight        upper bound of unacknowledged batches per connection; 0 = the server's Receive Maximum
 * @param keepAlive          MQTT keep-alive interval
 * @param drainTimeout       after the last scheduled send, how long to wait for outstanding acknowledgements
 * @param progressInterval   how often a progress line is reported
 * @param seed               seed of the simulated values (runs with the same seed send the same values)
 * @param pacerThreads       threads that create and publish batches on schedule (gateways are split among them)
 * @param resendUnrouted     whether a PUBACK 0x10 "No matching subscribers" (a broker with no consumer subscribed)
 *                           queues the batch for resending instead of counting it acknowledged
 */
public record FleetOptions(String target, List<GatewayCredentials> credentials, int sensorsPerGateway,
                           int readingsPerMessage, Pace pace, Duration duration, Duration rampUp, long firstSeq,
                           int maxInflight, Duration keepAlive, Duration drainTimeout, Duration progressInterval,
                           long seed, int pacerThreads, boolean resendUnrouted) {

    /** Most sensors per gateway; sensor ids stay short and every batch can name each sensor. */
    public static final int MAX_SENSORS = Limits.MAX_READINGS_PER_BATCH;

    public FleetOptions {
        credentials = List.copyOf(Objects.requireNonNull(credentials, "credentials"));
        validate(target, credentials, sensorsPerGateway, readingsPerMessage, pace, duration, rampUp, firstSeq,
                maxInflight, keepAlive, drainTimeout, progressInterval, pacerThreads);
    }

    /** A builder with the documented defaults (see firmware-sim/docs/fleet.md). */
    public static Builder builder(String target, List<GatewayCredentials> credentials) {
        return new Builder(target, credentials);
    }

    /** Number of virtual gateways. */
    public int gateways() {
        return credentials.size();
    }

    /** The time between two messages of one gateway, in nanoseconds. */
    public long intervalNanos() {
        return pace.intervalNanos(gateways(), readingsPerMessage);
    }

    private static void validate(String target, List<GatewayCredentials> credentials, int sensors, int readings,
                                 Pace pace, Duration duration, Duration rampUp, long firstSeq, int maxInflight,
                                 Duration keepAlive, Duration drainTimeout, Duration progressInterval,
                                 int pacerThreads) {
        requireTarget(target);
        require(!credentials.isEmpty(), "gateways must be at least 1 (no credentials given)");
        require(credentials.stream().map(GatewayCredentials::gatewayId).distinct().count() == credentials.size(),
                "credentials: every gateway id must be unique");
        require(sensors >= 1 && sensors <= MAX_SENSORS,
                "sensors must be 1…" + MAX_SENSORS + ", was " + sensors);
        require(readings >= 1 && readings <= Limits.MAX_READINGS_PER_BATCH,
                "readings-per-message must be 1…" + Limits.MAX_READINGS_PER_BATCH + ", was " + readings);
        Objects.requireNonNull(pace, "pace: give an interval or a rate").validate();
        requirePositive(duration, "duration");
        require(rampUp != null && !rampUp.isNegative() && rampUp.compareTo(duration) <= 0,
                "ramp-up must be between 0 and the duration (" + duration + "), was " + rampUp);
        require(firstSeq >= 1, "first-seq must be at least 1, was " + firstSeq);
        require(maxInflight >= 0 && maxInflight <= 65_535, "max-inflight must be 0 (the server's Receive Maximum)"
                + " or 1…65535, was " + maxInflight);
        requirePositive(keepAlive, "keep-alive");
        require(keepAlive.toSeconds() <= 65_535, "keep-alive must be at most 65535 s, was " + keepAlive);
        require(drainTimeout != null && !drainTimeout.isNegative(), "drain-timeout must not be negative");
        requirePositive(progressInterval, "progress");
        require(pacerThreads >= 1 && pacerThreads <= 64, "pacer-threads must be 1…64, was " + pacerThreads);
    }

    private static void requireTarget(String target) {
        require(target != null && !target.isBlank(), "target is required, e.g. tcp://127.0.0.1:1883");
        URI uri;
        try {
            uri = URI.create(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target '" + target + "' is not a URI: " + e.getMessage(), e);
        }
        require(("tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme())) && uri.getHost() != null
                        && uri.getPort() > 0,
                "target must look like tcp://host:port or ssl://host:port, was '" + target + "'");
    }

    private static void requirePositive(Duration value, String option) {
        require(value != null && !value.isNegative() && !value.isZero(),
                option + " must be positive, was " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builds {@link FleetOptions}; every setter names the field it sets. */
    public static final class Builder {
        private final String target;
        private final List<GatewayCredentials> credentials;
        private int sensorsPerGateway = 5;
        private int readingsPerMessage = 5;
        private Pace pace = Pace.interval(Duration.ofSeconds(10));
        private Duration duration = Duration.ofSeconds(60);
        private Duration rampUp = Duration.ZERO;
        private long firstSeq = 1;
        private int maxInflight;
        private Duration keepAlive = Duration.ofSeconds(60);
        private Duration drainTimeout = Duration.ofSeconds(30);
        private Duration progressInterval = Duration.ofSeconds(5);
        private long seed = 1;
        private int pacerThreads = Runtime.getRuntime().availableProcessors();
        private boolean resendUnrouted;

        private Builder(String target, List<GatewayCredentials> credentials) {
            this.target = target;
            this.credentials = credentials;
        }

        public Builder sensorsPerGateway(int value) {
            sensorsPerGateway = value;
            return this;
        }

        public Builder readingsPerMessage(int value) {
            readingsPerMessage = value;
            return this;
        }

        public Builder pace(Pace value) {
            pace = value;
            return this;
        }

        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        public Builder rampUp(Duration value) {
            rampUp = value;
            return this;
        }

        public Builder firstSeq(long value) {
            firstSeq = value;
            return this;
        }

        public Builder maxInflight(int value) {
            maxInflight = value;
            return this;
        }

        public Builder keepAlive(Duration value) {
            keepAlive = value;
            return this;
        }

        public Builder drainTimeout(Duration value) {
            drainTimeout = value;
            return this;
        }

        public Builder progressInterval(Duration value) {
            progressInterval = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder pacerThreads(int value) {
            pacerThreads = value;
            return this;
        }

        /** See {@link FleetOptions#resendUnrouted()}; off by default (0x10 counts as acknowledged). */
        public Builder resendUnrouted(boolean value) {
            resendUnrouted = value;
            return this;
        }

        /** The validated options; throws {@link IllegalArgumentException} naming the first bad option. */
        public FleetOptions build() {
            return new FleetOptions(target, credentials, sensorsPerGateway, readingsPerMessage, pace, duration,
                    rampUp, firstSeq, maxInflight, keepAlive, drainTimeout, progressInterval, seed, pacerThreads,
                    resendUnrouted);
        }
    }
}
