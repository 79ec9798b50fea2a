package org.coldwatch.server.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * Where and how {@link InfluxReadingStore} writes.
 *
 * @param url         the InfluxDB HTTP base URL, e.g. {@code http://127.0.0.1:8086} (v1 API: /write, /query, /ping)
 * @param database    the database; created if missing
 * @param username    optional user (InfluxDB with authentication enabled)
 * @param password    optional password, used together with {@code username}
 * @param batchPoints the most reading points sent in one write request (a group of batches)
 */
public record InfluxSettings(URI url, String database, Optional<String> username, Optional<String> password,
                             int batchPoints) {

    /** The largest write we send: DEPENDENCIES.md measured the client's best rates with batches of 5,000. */
    public static final int DEFAULT_BATCH_POINTS = 5_000;

    public InfluxSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (batchPoints < 1) {
            throw new IllegalArgumentException("batchPoints must be at least 1");
        }
    }

    /** How long one HTTP request to InfluxDB may take to connect, to send and to answer. */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A client for this InfluxDB (lazy: nothing is sent yet), with Nagle's algorithm off (see
     * {@link NoDelaySocketFactory}) and {@link #HTTP_TIMEOUT}; shared by the store and the rollup queries.
     */
    public InfluxDB connect() {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(HTTP_TIMEOUT).readTimeout(HTTP_TIMEOUT).writeTimeout(HTTP_TIMEOUT)
                .socketFactory(new NoDelaySocketFactory());
        return username.isPresent()
                ? InfluxDBFactory.connect(url.toString(), username.get(), password.orElse(""), http)
                : InfluxDBFactory.connect(url.toString(), http);
    }

    /** Settings without authentication and with the default batch size. */
    public static InfluxSettings of(URI url, String database) {
        return new InfluxSettings(url, database, Optional.empty(), Optional.empty(), DEFAULT_BATCH_POINTS);
    }
}
