package org.coldwatch.server.app;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.coldwatch.server.app.ServerConfig.ConfigException;
import org.coldwatch.server.ingest.broker.BrokerSettings;
import org.coldwatch.server.ingest.broker.IngestSources;

/** The keys {@code ingest.source} and {@code broker.*} of {@link ServerConfig}: defaults and validation. */
final class BrokerKeys {
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final List<String> BROKER_KEYS = List.of("broker.url", "broker.clientId", "broker.username",
            "broker.password");

    private BrokerKeys() {
    }

    static void defaults(Map<String, String> keys) {
        keys.put("ingest.source", "endpoint");
        keys.put("broker.url", "");
        keys.put("broker.clientId", ""); // empty: coldwatch-server-<host name>
        keys.put("broker.group", "coldwatch");
        keys.put("broker.username", "");
        keys.put("broker.password", "");
        keys.put("broker.receiveMaximum", "1000");
        keys.put("broker.sessionExpirySeconds", "604800");
    }

    static IngestSources parse(Map<String, String> values) {
        String source = values.get("ingest.source").trim();
        boolean endpoint = source.equals("endpoint") || source.equals("both");
        boolean broker = source.equals("broker") || source.equals("both");
        if (!endpoint && !broker) {
            throw new ConfigException("ingest.source: '" + source + "' is not one of endpoint, broker, both");
        }
        if (!broker) {
            for (String key : BROKER_KEYS) {
                if (!values.get(key).trim().isEmpty()) {
                    throw new ConfigException(key + ": only used when ingest.source is broker or both, and it is "
                            + source);
                }
            }
            return IngestSources.endpointOnly();
        }
        return new IngestSources(endpoint, Optional.of(settings(values)));
    }

    private static BrokerSettings settings(Map<String, String> values) {
        String text = values.get("broker.url").trim();
        if (text.isEmpty()) {
            throw new ConfigException("broker.url: required when ingest.source is broker or both,"
                    + " e.g. tcp://127.0.0.1:1883 or ssl://broker.example:8883");
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException("broker.url: '" + text + "' is not a URL: " + e.getReason());
        }
        if (!("tcp".equals(url.getScheme()) || "ssl".equals(url.getScheme())) || url.getHost() == null
                || url.getPort() < 1) {
            throw new ConfigException("broker.url: '" + text + "' must be tcp://host:port or ssl://host:port");
        }
        String clientId = values.get("broker.clientId").trim();
        if (clientId.isEmpty()) {
            clientId = "coldwatch-server-" + hostName();
        }
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new ConfigException("broker.clientId: '" + clientId + "' must be 1-128 letters, digits, '.', '_',"
                    + " ':' or '-' (and unique per server instance)");
        }
        String group = values.get("broker.group").trim();
        if (!GROUP.matcher(group).matches()) {
            throw new ConfigException("broker.group: '" + group + "' must be 1-64 letters, digits, '_' or '-'");
        }
        Optional<String> username = Optional.of(values.get("broker.username").trim()).filter(u -> !u.isEmpty());
        Optional<String> password = Optional.of(values.get("broker.password")).filter(p -> !p.isEmpty());
        if (password.isPresent() && username.isEmpty()) {
            throw new ConfigException("broker.password: set, but broker.username is empty");
        }
        return new BrokerSettings(url, clientId, group, username, password,
                ServerConfig.intIn(values, "broker.receiveMaximum", 1, 65_535),
                Duration.ofSeconds(ServerConfig.intIn(values, "broker.sessionExpirySeconds", 60, Integer.MAX_VALUE)));
    }

    private static String hostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }
}
