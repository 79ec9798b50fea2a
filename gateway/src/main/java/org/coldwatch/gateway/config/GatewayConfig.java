package org.coldwatch.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coldwatch.gateway.alarm.AlarmSettings;
import org.coldwatch.gateway.health.HealthSettings;
import org.coldwatch.protocol.Limits;

/**
 * Everything a gateway needs to run, as one immutable tree mirroring the YAML file's sections. Every instance is
 * valid: the constructor checks all keys at once and throws a {@link ConfigException} naming each bad one. Keys,
 * units and defaults are documented in {@code gateway/CONFIGURATION.md}.
 *
 * <p>From a file: {@link #load(Path)}. From code (demo, tests): {@code GatewayConfig.builder("gw-1", "secret")
 * .serverUri("tcp://127.0.0.1:1883").outboxPath(dir.resolve("outbox.db")).build()}.
 *
 * @param gateway  who this gateway is
 * @param uplink   how it reaches the server
 * @param outbox   where readings wait
 * @param sampling how often sensors are read
 * @param sensors  the wired sensors, in the order of the file's {@code sensors:} list (see {@link SensorSpec})
 * @param coap     the CoAP server for wireless nodes
 * @param outboxLimits the outbox's disk budget and what happens when it is used up
 * @param alarm    the local alarm: pins and rules
 * @param health   how often and what the gateway reports about itself
 */
public record GatewayConfig(Identity gateway, UplinkSettings uplink, OutboxSettings outbox,
                            SamplingSettings sampling, List<SensorSpec> sensors, CoapSettings coap,
                            OutboxLimits outboxLimits, AlarmSettings alarm, HealthSettings health) {

    /** Environment variable overriding {@code gateway.id}. */
    public static final String ENV_ID = "COLDWATCH_GATEWAY_ID";
    /** Environment variable overriding {@code gateway.secret}; keeps the secret out of the file. */
    public static final String ENV_SECRET = "COLDWATCH_GATEWAY_SECRET";
    /** Environment variable overriding {@code uplink.serverUri}. */
    public static final String ENV_SERVER_URI = "COLDWATCH_UPLINK_SERVER_URI";
    /** Environment variable overriding {@code outbox.path}. */
    public static final String ENV_OUTBOX_PATH = "COLDWATCH_OUTBOX_PATH";

    private static final Pattern SERVER_URI = Pattern.compile("(tcp|ssl)://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]):(\\d{1,5})");

    /**
     * @param id     the gateway's id: MQTT client id, user name and topic segment
     * @param secret its MQTT password
     */
    public record Identity(String id, String secret) {
        @Override
        public String toString() {
            return "Identity[id=" + id + ", secret=***]";
        }
    }

    /**
     * @param serverUri            {@code tcp://host:port} or {@code ssl://host:port}
     * @param keepAliveSeconds     MQTT keep-alive interval
     * @param inflight             most unacknowledged batches at once (also capped by the server's Receive Maximum)
     * @param backoffInitialMillis ceiling of the first reconnect wait
     * @param backoffMaxMillis     largest reconnect wait
     */
    public record UplinkSettings(String serverUri, int keepAliveSeconds, int inflight, long backoffInitialMillis,
                                 long backoffMaxMillis) {
        /** {@link #backoffInitialMillis} as a duration. */
        public Duration backoffInitial() {
            return Duration.ofMillis(backoffInitialMillis);
        }

        /** {@link #backoffMaxMillis} as a duration. */
        public Duration backoffMax() {
            return Duration.ofMillis(backoffMaxMillis);
        }
    }

    /**
     * @param path                the SQLite outbox file
     * @param maxReadingsPerBatch most readings sealed into one batch
     */
    public record OutboxSettings(Path path, int maxReadingsPerBatch) {
    }

    /** @param intervalMillis time between two sampling rounds */
    public record SamplingSettings(long intervalMillis) {
        /** {@link #intervalMillis} as a duration. */
        public Duration interval() {
            return Duration.ofMillis(intervalMillis);
        }
    }

    /** Validates every key; throws a {@link ConfigException} listing all problems. */
    public GatewayConfig {
        List<String> problems = new ArrayList<>();
        alarm = alarm == null ? AlarmSettings.DEFAULT : alarm;
        health = health == null ? HealthSettings.DEFAULT : health;
        if (gateway == null || uplink == null || outbox == null || sampling == null || outboxLimits == null) {
            throw new ConfigException("gateway, uplink, outbox, sampling, outboxLimits: every section is required");
        }
        if (coap == null) {
            throw new ConfigException("coap: section is required (CoapSettings.defaults() when unused)");
        }
        if (gateway.id() == null || gateway.id().isBlank()) {
            problems.add("gateway.id: missing (set it in the file or in " + ENV_ID + ")");
        } else if (!Limits.isValidId(gateway.id())) {
            problems.add("gateway.id: must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit, was '"
                    + gateway.id() + "'");
        }
        if (gateway.secret() == null || gateway.secret().isEmpty()) {
            problems.add("gateway.secret: missing (set it in the file or in " + ENV_SECRET + ")");
        }
        Matcher uri = SERVER_URI.matcher(uplink.serverUri() == null ? "" : uplink.serverUri());
        if (!uri.matches() || Integer.parseInt(uri.group(3)) < 1 || Integer.parseInt(uri.group(3)) > 65_535) {
            problems.add("uplink.serverUri: must be tcp://host:port or ssl://host:port, was '"
                    + uplink.serverUri() + "'");
        }
        range(problems, "uplink.keepAliveSeconds", uplink.keepAliveSeconds(), 1, 65_535);
        range(problems, "uplink.inflight", uplink.inflight(), 1, 65_535);
        range(problems, "uplink.backoffInitialMillis", uplink.backoffInitialMillis(), 1, 3_600_000);
        range(problems, "uplink.backoffMaxMillis", uplink.backoffMaxMillis(), Math.max(1, uplink.backoffInitialMillis()),
                3_600_000);
        if (outbox.path() == null || outbox.path().toString().isBlank()) {
            problems.add("outbox.path: missing");
        }
        range(problems, "outbox.maxReadingsPerBatch", outbox.maxReadingsPerBatch(), 1, Limits.MAX_READINGS_PER_BATCH);
        range(problems, "sampling.intervalMillis", sampling.intervalMillis(), 100, 86_400_000);
        sensors = sensors == null ? List.of() : List.copyOf(sensors);
        checkSensors(problems, sensors);
        outboxLimits.validate(problems);
        problems.addAll(alarm.problems());
        problems.addAll(health.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    /** Ids must be valid wire ids and unique; the kinds check their own parameters when the sources are built. */
    private static void checkSensors(List<String> problems, List<SensorSpec> sensors) {
        Set<String> ids = new HashSet<>();
        for (SensorSpec s : sensors) {
            if (s.id() == null || !Limits.isValidId(s.id())) {
                problems.add(s.key("id") + ": must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit, was '"
                        + s.id() + "'");
            } else if (!ids.add(s.id())) {
                problems.add(s.key("id") + ": '" + s.id() + "' is used by another sensor; ids must be unique");
            }
            if (s.kind() == null || s.kind().isBlank()) {
                problems.add(s.key("kind") + ": missing (e.g. sht3x, ds18b20, hx711, door-contact)");
            }
            if (s.room() != null && !Limits.isValidId(s.room())) {
                problems.add(s.key("room") + ": must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit,"
                        + " was '" + s.room() + "'");
            }
        }
    }

    private static void range(List<String> problems, String key, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(key + ": must be " + min + "…" + max + ", was " + value);
        }
    }

    /** A builder holding every default, for configuring a gateway from code. */
    public static Builder builder(String id, String secret) {
        return new Builder().id(id).secret(secret);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().id(gateway.id()).secret(gateway.secret())
                .serverUri(uplink.serverUri()).keepAliveSeconds(uplink.keepAliveSeconds())
                .inflight(uplink.inflight()).backoffInitialMillis(uplink.backoffInitialMillis())
                .backoffMaxMillis(uplink.backoffMaxMillis())
                .outboxPath(outbox.path()).maxReadingsPerBatch(outbox.maxReadingsPerBatch())
                .samplingIntervalMillis(sampling.intervalMillis())
                .sensors(sensors)
                .coap(coap)
                .outboxLimits(outboxLimits)
                .alarm(alarm).health(health);
    }

    /**
     * Loads a YAML file and applies the {@code COLDWATCH_*} environment overrides.
     *
     * @throws ConfigException if the file cannot be read, has unknown keys or wrong types, or a value is invalid
     */
    public static GatewayConfig load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * The provisioned-credentials file that {@code file} uses: {@code gateway.credentialsFile}, resolved against the
     * file's folder (default {@code credentials.yaml} beside it). Reads only that key, so it works before the
     * gateway has an id.
     */
    public static Path credentialsFileOf(Path file) {
        return YamlConfigReader.credentialsFile(file);
    }

    /** {@link #load(Path)} with the environment given explicitly (for tests). */
    public static GatewayConfig load(Path file, Map<String, String> env) {
        return YamlConfigReader.read(file, env);
    }

    /** Mutable holder of the keys with their defaults; {@link #build()} validates. */
    public static final class Builder {
        private String id;
        private String secret;
        private String serverUri = "tcp://127.0.0.1:1883";
        private int keepAliveSeconds = 30;
        private int inflight = 100;
        private long backoffInitialMillis = 500;
        private long backoffMaxMillis = 60_000;
        private Path outboxPath = Path.of("/var/lib/coldwatch/outbox.db");
        private int maxReadingsPerBatch = 500;
        private long samplingIntervalMillis = 10_000;
        private List<SensorSpec> sensors = List.of();
        private CoapSettings coap = CoapSettings.defaults();
        private OutboxLimits outboxLimits = OutboxLimits.defaults();
        private AlarmSettings alarm = AlarmSettings.DEFAULT;
        private HealthSettings health = HealthSettings.DEFAULT;

        private Builder() {
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder secret(String value) {
            secret = value;
            return this;
        }

        public Builder serverUri(String value) {
            serverUri = value;
            return this;
        }

        public Builder keepAliveSeconds(int value) {
            keepAliveSeconds = value;
            return this;
        }

        public Builder inflight(int value) {
            inflight = value;
            return this;
        }

        public Builder backoffInitialMillis(long value) {
            backoffInitialMillis = value;
            return this;
        }

        public Builder backoffMaxMillis(long value) {
            backoffMaxMillis = value;
            return this;
        }

        public Builder outboxPath(Path value) {
            outboxPath = value;
            return this;
        }

        public Builder maxReadingsPerBatch(int value) {
            maxReadingsPerBatch = value;
            return this;
        }

        public Builder samplingIntervalMillis(long value) {
            samplingIntervalMillis = value;
            return this;
        }

        public Builder sensors(List<SensorSpec> value) {
            sensors = value;
            return this;
        }

        /** The {@code coap:} section (itself validated when built). */
        public Builder coap(CoapSettings value) {
            coap = value;
            return this;
        }

        /** Replaces the whole outbox budget ({@code outbox.maxBytes} … {@code outbox.thinToOnePerMinutes}). */
        public Builder outboxLimits(OutboxLimits value) {
            outboxLimits = value;
            return this;
        }

        /** The outbox budget set so far (the defaults unless replaced). */
        public OutboxLimits outboxLimits() {
            return outboxLimits;
        }

        public Builder alarm(AlarmSettings value) {
            alarm = value;
            return this;
        }

        public Builder health(HealthSettings value) {
            health = value;
            return this;
        }

        /** The validated configuration. @throws ConfigException naming every bad key */
        public GatewayConfig build() {
            return new GatewayConfig(new Identity(id, secret),
                    new UplinkSettings(serverUri, keepAliveSeconds, inflight, backoffInitialMillis, backoffMaxMillis),
                    new OutboxSettings(outboxPath, maxReadingsPerBatch),
                    new SamplingSettings(samplingIntervalMillis), sensors, coap, outboxLimits, alarm, health);
        }
    }
}
