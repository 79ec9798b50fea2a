package org.coldwatch.sim.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.coldwatch.protocol.Limits;

/**
 * Who one virtual gateway is: its id (also its MQTT client id and user name) and its secret (the MQTT password), or
 * no secret for an anonymous broker such as a bare Mosquitto.
 *
 * @param gatewayId a valid id ({@link Limits#ID_PATTERN})
 * @param secret    the password, or null to connect without user name and password
 */
public record GatewayCredentials(String gatewayId, String secret) {

    public GatewayCredentials {
        Objects.requireNonNull(gatewayId, "gatewayId");
        if (!Limits.isValidId(gatewayId)) {
            throw new IllegalArgumentException("gateway id '" + gatewayId + "' is not a valid id (1-64 of A-Z a-z"
                    + " 0-9 . _ -, starting with a letter or digit)");
        }
    }

    /** Whether this gateway authenticates (user name = client id = gateway id, password = secret). */
    public boolean authenticated() {
        return secret != null;
    }

    /**
     * Reads a credentials file: one {@code gatewayId,secret} per line, as {@code coldwatch-server add-gateways}
     * writes it. Blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the file and line if a line is malformed or an id repeats
     */
    public static List<GatewayCredentials> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<GatewayCredentials> credentials = new ArrayList<>(lines.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + " line " + (i + 1);
            int comma = line.indexOf(',');
            if (comma < 1 || comma == line.length() - 1) {
                throw new IllegalArgumentException(where + ": expected 'gatewayId,secret'");
            }
            GatewayCredentials entry;
            try {
                entry = new GatewayCredentials(line.substring(0, comma).strip(), line.substring(comma + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (!seen.add(entry.gatewayId())) {
                throw new IllegalArgumentException(where + ": gateway '" + entry.gatewayId() + "' appears twice");
            }
            credentials.add(entry);
        }
        return credentials;
    }

    /** {@code count} gateways without secrets, named {@code prefix1 … prefixN}, for an anonymous broker. */
    public static List<GatewayCredentials> anonymous(String prefix, int count) {
        List<GatewayCredentials> credentials = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            credentials.add(new GatewayCredentials(prefix + i, null));
        }
        return credentials;
    }

    @Override
    public String toString() {
        return "GatewayCredentials[" + gatewayId + (secret == null ? ", anonymous]" : ", secret=***]");
    }
}
