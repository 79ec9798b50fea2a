package org.coldwatch.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real InfluxDB 1.x ({@code influxd} from the Debian package {@code influxdb}) for integration tests: its own
 * generated configuration with every directory in {@code dir}, HTTP and RPC bound to free loopback ports, usage
 * reporting off; started in the foreground, ready once {@code /ping} answers 204, stopped by its own PID. It can be
 * stopped and started again on the same port and data, to test outages.
 */
public final class InfluxProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final int httpPort;
    private final Path config;
    private Process process;

    private InfluxProcess(Path dir, int httpPort, int rpcPort) throws IOException {
        this.dir = dir;
        this.httpPort = httpPort;
        this.config = dir.resolve("influxdb.conf");
        Files.writeString(config, """
                reporting-enabled = false
                bind-address = "127.0.0.1:%d"

                [meta]
                  dir = "%s"

                [data]
                  dir = "%s"
                  wal-dir = "%s"
                  query-log-enabled = false

                [monitor]
                  store-enabled = false

                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false

                [continuous_queries]
                  enabled = false
                """.formatted(rpcPort, dir.resolve("meta"), dir.resolve("data"), dir.resolve("wal"), httpPort),
                StandardCharsets.UTF_8);
    }

    /** Starts {@code influxd} with its files in {@code dir}; returns once it answers {@code /ping}. */
    public static InfluxProcess start(Path dir) throws IOException {
        Files.createDirectories(dir);
        InfluxProcess influx = new InfluxProcess(dir, ServerProcess.freePort(), ServerProcess.freePort());
        influx.start();
        return influx;
    }

    /** Starts it (again) on the same ports and files; returns once it answers {@code /ping}. */
    public void start() throws IOException {
        process = new ProcessBuilder("influxd", "run", "-config", config.toString(),
                "-pidfile", dir.resolve("influxd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile()))
                .start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("influxd exited with " + process.exitValue() + "; see "
                        + dir.resolve("influxd.log"));
            }
            return pingStatus() == 204;
        });
    }

    private int pingStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(url().resolve("/ping")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The HTTP base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Stops it by its PID (SIGTERM, then SIGKILL after 20 s) and waits until it has exited. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
