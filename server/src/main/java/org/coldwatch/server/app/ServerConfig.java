package org.coldwatch.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.coldwatch.protocol.Limits;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.fleet.MetaDbSettings;
import org.coldwatch.server.ingest.EndpointLimits;
import org.coldwatch.server.ingest.MqttIngestServer;
import org.coldwatch.server.ingest.MqttTls;
import org.coldwatch.server.ingest.limits.GatewayRateLimiter;
import org.coldwatch.server.ingest.broker.IngestSources;
import org.coldwatch.server.rollups.RollupSettings;
import org.coldwatch.server.rollups.TargetRange;
import org.coldwatch.server.storage.InfluxSettings;

/**
 * The server's configuration, validated once at start-up. Every key, its unit and default is listed in
 * README.md ("Server configuration"); {@link #KEYS} is the single source of the defaults.
 *
 * <p>Precedence, lowest first: defaults, the YAML file, environment variables ({@code http.port} →
 * {@code COLDWATCH_HTTP_PORT}), then {@code --set key=value} on the command line.
 *
 * @param httpHost             address the HTTP server binds
 * @param httpPort             HTTP port
 * @param mqttHost             address the MQTT endpoint binds
 * @param mqttPort             MQTT port
 * @param mqttReceiveMaximum   in-flight QoS 1 messages per gateway connection
 * @param dataDir              folder of the embedded databases
 * @param maxAhead             how far ahead of the server clock a measurement time may be
 * @param maxBehind            how far behind the server clock a measurement time may be
 * @param rejectionsKept       how many of the newest refusals (with their payloads) are archived
 * @param meta                 where the relational metadata lives (SQLite file in dataDir, or PostgreSQL)
 * @param influx               the InfluxDB reading store if {@code storage.kind} is {@code influx}; empty for the
 *                             embedded SQLite store in {@code dataDir}
 * @param rollups              zone, interval cap and target ranges of the rollups ({@code rollups.*})
 * @param mqtt                 the built-in MQTT endpoint: listeners, TLS and limits ({@code mqtt.*})
 * @param ingest               where readings come in: the built-in endpoint and/or an external broker
 *                             ({@code ingest.source}, {@code broker.*})
 */
public record ServerConfig(String httpHost, int httpPort, String mqttHost, int mqttPort, int mqttReceiveMaximum,
                           Path dataDir, Duration maxAhead, Duration maxBehind, int rejectionsKept,
                           MetaDbSettings meta, Optional<InfluxSettings> influx, RollupSettings rollups,
                           MqttIngestServer.Settings mqtt, IngestSources ingest) {

    /** Every key with its default. */
    public static final Map<String, String> KEYS = keys();

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("http.host", "0.0.0.0");
        keys.put("http.port", "8080");
        keys.put("mqtt.host", "0.0.0.0");
        keys.put("mqtt.port", "1883");
        keys.put("mqtt.receiveMaximum", "100");
        keys.put("mqtt.plain.enabled", "true");
        keys.put("mqtt.tls.certFile", "");
        keys.put("mqtt.tls.keyFile", "");
        keys.put("mqtt.tls.port", "8883");
        keys.put("mqtt.maxConnections", "10000");
        keys.put("mqtt.rateLimit.messagesPerSecond", "500");
        keys.put("mqtt.rateLimit.readingsPerSecond", "50000");
        keys.put("mqtt.rateLimit.burstSeconds", "10");
        keys.put("mqtt.maxPayloadBytes", String.valueOf(Limits.MAX_PAYLOAD_BYTES));
        keys.put("mqtt.maxKeepAliveSeconds", "300");
        keys.put("mqtt.maxInflightBytes", "0"); // 0: a sixteenth of the maximum heap
        keys.put("storage.dataDir", "data");
        keys.put("storage.kind", "sqlite");
        keys.put("storage.influx.url", "http://127.0.0.1:8086");
        keys.put("storage.influx.database", "coldwatch");
        keys.put("storage.influx.username", "");
        keys.put("storage.influx.password", "");
        keys.put("storage.influx.batchPoints", String.valueOf(InfluxSettings.DEFAULT_BATCH_POINTS));
        keys.put("ingest.maxAheadSeconds", "300");
        keys.put("ingest.maxBehindDays", "180");
        keys.put("ingest.rejectionsKept", "100000");
        keys.put("meta.url", ""); // empty: jdbc:sqlite:<storage.dataDir>/fleet.db
        keys.put("meta.username", "");
        keys.put("meta.password", "");
        keys.put("rollups.zone", "Asia/Shanghai");
        keys.put("rollups.maxIntervalSeconds", "60");
        keys.put("rollups.temperatureMinCelsius", "0");
        keys.put("rollups.temperatureMaxCelsius", "4");
        keys.put("rollups.humidityMinPercent", "90");
        keys.put("rollups.humidityMaxPercent", "95");
        BrokerKeys.defaults(keys);
        return keys;
    }

    /**
     * Loads the configuration.
     *
     * @param file      a YAML file, or null for none
     * @param env       the environment (System.getenv() in production)
     * @param overrides {@code key=value} pairs from the command line
     * @throws ConfigException naming the key, if anything is unknown or invalid
     */
    public static ServerConfig load(Path file, Map<String, String> env, List<String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(KEYS);
        if (file != null) {
            readYaml(file, values);
        }
        for (String key : KEYS.keySet()) {
            String envName = "COLDWATCH_" + key.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2")
                    .toUpperCase(Locale.ROOT);
            if (env.containsKey(envName)) {
                values.put(key, env.get(envName));
            }
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq < 1) {
                throw new ConfigException("--set " + override + ": expected key=value");
            }
            put(values, override.substring(0, eq), override.substring(eq + 1), "--set");
        }
        return new ServerConfig(
                host(values, "http.host"), port(values, "http.port"),
                host(values, "mqtt.host"), port(values, "mqtt.port"),
                intIn(values, "mqtt.receiveMaximum", 1, 65_535),
                Path.of(values.get("storage.dataDir")),
                Duration.ofSeconds(intIn(values, "ingest.maxAheadSeconds", 0, 86_400)),
                Duration.ofDays(intIn(values, "ingest.maxBehindDays", 1, 3_650)),
                intIn(values, "ingest.rejectionsKept", 1_000, 10_000_000),
                meta(values), influx(values), rollups(values), mqtt(values),
                BrokerKeys.parse(values));
    }

    private static MqttIngestServer.Settings mqtt(Map<String, String> values) {
        boolean plain = bool(values, "mqtt.plain.enabled");
        String cert = values.get("mqtt.tls.certFile").trim();
        String key = values.get("mqtt.tls.keyFile").trim();
        if (cert.isEmpty() != key.isEmpty()) {
            throw new ConfigException((cert.isEmpty() ? "mqtt.tls.certFile" : "mqtt.tls.keyFile")
                    + ": TLS needs both mqtt.tls.certFile and mqtt.tls.keyFile (PEM files)");
        }
        Optional<MqttTls> tls = Optional.empty();
        if (!cert.isEmpty()) {
            tls = Optional.of(new MqttTls(readable(cert, "mqtt.tls.certFile"),
                    readable(key, "mqtt.tls.keyFile"), port(values, "mqtt.tls.port")));
        }
        if (!plain && tls.isEmpty()) {
            throw new ConfigException("mqtt.plain.enabled: false, but no TLS listener is configured"
                    + " (mqtt.tls.certFile, mqtt.tls.keyFile): gateways could not connect at all");
        }
        long inflight = intIn(values, "mqtt.maxInflightBytes", 0, Integer.MAX_VALUE);
        if (inflight != 0 && inflight < 1024 * 1024) {
            throw new ConfigException("mqtt.maxInflightBytes: " + inflight + " is below 1048576 (1 MiB); use 0 for"
                    + " a sixteenth of the heap");
        }
        EndpointLimits limits = new EndpointLimits(
                intIn(values, "mqtt.maxConnections", 1, 1_000_000),
                new GatewayRateLimiter.Rates(intIn(values, "mqtt.rateLimit.messagesPerSecond", 0, 10_000_000),
                        intIn(values, "mqtt.rateLimit.readingsPerSecond", 0, 100_000_000),
                        intIn(values, "mqtt.rateLimit.burstSeconds", 1, 3_600)),
                intIn(values, "mqtt.maxPayloadBytes", 1024, Limits.MAX_PAYLOAD_BYTES),
                inflight == 0 ? Runtime.getRuntime().maxMemory() / 16 : inflight,
                intIn(values, "mqtt.maxKeepAliveSeconds", 0, 65_535));
        return new MqttIngestServer.Settings(host(values, "mqtt.host"), port(values, "mqtt.port"),
                intIn(values, "mqtt.receiveMaximum", 1, 65_535), plain, tls, limits);
    }

    private static Path readable(String file, String key) {
        Path path = Path.of(file);
        if (!Files.isReadable(path) || Files.isDirectory(path)) {
            throw new ConfigException(key + ": '" + file + "' is not a readable file");
        }
        return path;
    }

    private static boolean bool(Map<String, String> values, String key) {
        String text = values.get(key).trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key + ": '" + text + "' is neither true nor false");
        };
    }

    private static MetaDbSettings meta(Map<String, String> values) {
        String url = values.get("meta.url").trim();
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (!url.isEmpty() && !postgres && !url.startsWith("jdbc:sqlite:")) {
            throw new ConfigException("meta.url: '" + url + "' is neither jdbc:sqlite:FILE nor"
                    + " jdbc:postgresql://HOST:PORT/DATABASE");
        }
        for (String key : List.of("meta.username", "meta.password")) {
            if (!postgres && !values.get(key).isEmpty()) {
                throw new ConfigException(key + ": only used with a jdbc:postgresql: meta.url, and meta.url is "
                        + (url.isEmpty() ? "the embedded SQLite file" : url));
            }
        }
        try {
            return url.isEmpty() ? MetaDbSettings.sqlite(Path.of(values.get("storage.dataDir")).resolve("fleet.db"))
                    : new MetaDbSettings(url, values.get("meta.username").trim(), values.get("meta.password"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("meta.url: " + e.getMessage());
        }
    }

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static Optional<InfluxSettings> influx(Map<String, String> values) {
        String kind = values.get("storage.kind").trim();
        if (kind.equals("sqlite")) {
            return Optional.empty();
        }
        if (!kind.equals("influx")) {
            throw new ConfigException("storage.kind: '" + kind + "' is not one of sqlite, influx");
        }
        String text = values.get("storage.influx.url").trim();
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException("storage.influx.url: '" + text + "' is not a URL: " + e.getReason());
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new ConfigException("storage.influx.url: '" + text + "' must be http(s)://host[:port]");
        }
        String database = values.get("storage.influx.database").trim();
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new ConfigException("storage.influx.database: '" + database
                    + "' must be 1-64 letters, digits, '_' or '-'");
        }
        Optional<String> username = Optional.of(values.get("storage.influx.username").trim())
                .filter(u -> !u.isEmpty());
        Optional<String> password = Optional.of(values.get("storage.influx.password")).filter(p -> !p.isEmpty());
        if (password.isPresent() && username.isEmpty()) {
            throw new ConfigException("storage.influx.password: set, but storage.influx.username is empty");
        }
        return Optional.of(new InfluxSettings(url, database, username, password,
                intIn(values, "storage.influx.batchPoints", Limits.MAX_READINGS_PER_BATCH, 100_000)));
    }

    private static RollupSettings rollups(Map<String, String> values) {
        String zone = values.get("rollups.zone").trim();
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ConfigException("rollups.zone: '" + zone + "' is not a time zone id such as Asia/Shanghai");
        }
        return new RollupSettings(zoneId, Duration.ofSeconds(intIn(values, "rollups.maxIntervalSeconds", 1, 86_400)),
                Map.of(ReadingKind.TEMPERATURE, range(values, "rollups.temperatureMinCelsius",
                                "rollups.temperatureMaxCelsius", ReadingKind.TEMPERATURE),
                        ReadingKind.HUMIDITY, range(values, "rollups.humidityMinPercent",
                                "rollups.humidityMaxPercent", ReadingKind.HUMIDITY)));
    }

    private static TargetRange range(Map<String, String> values, String lowKey, String highKey, ReadingKind kind) {
        double low = decimalIn(values, lowKey, kind.min(), kind.max());
        double high = decimalIn(values, highKey, kind.min(), kind.max());
        if (low > high) {
            throw new ConfigException(lowKey + ": " + low + " is above " + highKey + " (" + high + ")");
        }
        return new TargetRange(low, high);
    }

    private static double decimalIn(Map<String, String> values, String key, double min, double max) {
        String text = values.get(key).trim();
        try {
            double value = Double.parseDouble(text);
            if (!(value >= min && value <= max)) {
                throw new ConfigException(key + ": " + value + " is outside " + min + "…" + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + text + "' is not a number");
        }
    }

    private static void readYaml(Path file, Map<String, String> values) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        List<String> flat = new ArrayList<>();
        flatten("", root, flat, values, file);
    }

    private static void flatten(String prefix, JsonNode node, List<String> seen, Map<String, String> values,
                                Path file) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), seen,
                        values, file);
            }
        } else {
            put(values, prefix, node.asText(), file.toString());
        }
    }

    private static void put(Map<String, String> values, String key, String value, String origin) {
        if (!KEYS.containsKey(key)) {
            Set<String> known = new TreeSet<>(KEYS.keySet());
            throw new ConfigException(key + " (from " + origin + "): unknown key; known keys: " + known);
        }
        values.put(key, value);
    }

    private static String host(Map<String, String> values, String key) {
        String host = values.get(key).trim();
        if (host.isEmpty()) {
            throw new ConfigException(key + ": must be an address to bind, e.g. 0.0.0.0 or 127.0.0.1");
        }
        return host;
    }

    private static int port(Map<String, String> values, String key) {
        return intIn(values, key, 0, 65_535);
    }

    static int intIn(Map<String, String> values, String key, int min, int max) {
        String text = values.get(key).trim();
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new ConfigException(key + ": " + value + " is outside " + min + "…" + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + text + "' is not a whole number");
        }
    }

    /** A configuration error, naming the key. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }
}
