package org.coldwatch.server.fleet;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the server's relational metadata (stores, gateways, credentials, settings, provisioning codes) lives: an
 * embedded SQLite file by default, or a PostgreSQL database for production and scale-out.
 *
 * @param url      JDBC URL, {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST:PORT/DATABASE}
 * @param username database user (PostgreSQL only), empty for none
 * @param password the user's password (PostgreSQL only), empty for none; never printed
 */
public record MetaDbSettings(String url, String username, String password) {

    /** The databases the same migrations and code are tested on. */
    public enum Vendor {
        SQLITE("jdbc:sqlite:"),
        POSTGRESQL("jdbc:postgresql:");

        private final String urlPrefix;

        Vendor(String urlPrefix) {
            this.urlPrefix = urlPrefix;
        }

        /** The folder name of this vendor's own migrations ({@code db/<name>/meta}). */
        public String folder() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if the URL is of another database, or a user is given for SQLite
     */
    public MetaDbSettings {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        Vendor vendor = vendorOf(url);
        if (vendor == Vendor.SQLITE && (!username.isEmpty() || !password.isEmpty())) {
            throw new IllegalArgumentException("a username or password is only used with " + Vendor.POSTGRESQL.urlPrefix
                    + " URLs, not with " + url);
        }
    }

    /** The embedded default: a SQLite file. */
    public static MetaDbSettings sqlite(Path file) {
        return new MetaDbSettings(Vendor.SQLITE.urlPrefix + file, "", "");
    }

    /** The database this URL is of. */
    public Vendor vendor() {
        return vendorOf(url);
    }

    private static Vendor vendorOf(String url) {
        if (url != null) {
            for (Vendor vendor : Vendor.values()) {
                if (url.startsWith(vendor.urlPrefix) && url.length() > vendor.urlPrefix.length()) {
                    return vendor;
                }
            }
        }
        throw new IllegalArgumentException("'" + url + "' is neither a jdbc:sqlite:FILE nor a"
                + " jdbc:postgresql://HOST:PORT/DATABASE URL");
    }

    /** The URL with a {@code password=} parameter in it masked, for logs. */
    public String urlForLogs() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The settings with the password masked. */
    @Override
    public String toString() {
        return "MetaDbSettings[url=" + urlForLogs() + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "***") + "]";
    }
}
