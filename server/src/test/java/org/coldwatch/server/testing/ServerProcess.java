package org.coldwatch.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coldwatch.server.fleet.FleetRegistry;
import org.coldwatch.server.fleet.JdbcFleetRegistry;
import org.coldwatch.server.fleet.MetaDatabase;
import org.coldwatch.server.fleet.MetaDbSettings;
import org.coldwatch.server.fleet.Store;

/**
 * A real ColdWatch server in its own JVM, on free loopback ports, for integration tests: started with the test's
 * classpath, stopped by its own PID (SIGTERM on close, SIGKILL on {@link #kill9()}).
 */
public final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final Path log;
    private final int httpPort;
    private final int mqttPort;
    private final List<String> extraSettings;
    private final List<String> jvmOptions;
    private Process process;

    private ServerProcess(Path dataDir, int httpPort, int mqttPort, List<String> extraSettings,
                          List<String> jvmOptions) {
        this.jvmOptions = jvmOptions;
        this.dataDir = dataDir;
        this.log = dataDir.resolve("server.log");
        this.httpPort = httpPort;
        this.mqttPort = mqttPort;
        this.extraSettings = extraSettings;
    }

    /** Starts a server on free ports with its data in {@code dataDir}; returns once {@code /health} answers. */
    public static ServerProcess start(Path dataDir, String... settings) throws IOException {
        return startWithJvmOptions(dataDir, List.of("-Xmx256m"), settings);
    }

    /**
     * Like {@link #start(Path, String...)}, with the server JVM's options (e.g. {@code -Xmx128m}) instead of the
     * default {@code -Xmx256m}.
     */
    public static ServerProcess startWithJvmOptions(Path dataDir, List<String> jvmOptions, String... settings)
            throws IOException {
        Files.createDirectories(dataDir);
        ServerProcess server = new ServerProcess(dataDir, freePort(), freePort(), List.of(settings),
                List.copyOf(jvmOptions));
        server.launch();
        return server;
    }

    private FleetRegistry openFleet() throws Exception {
        return JdbcFleetRegistry.open(MetaDatabase.of(MetaDbSettings.sqlite(dataDir.resolve("fleet.db"))),
                Clock.systemUTC());
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Adds a store and registers a gateway in this server's data folder; returns the gateway's secret. */
    public String register(String storeId, String gatewayId) throws Exception {
        try (FleetRegistry fleet = openFleet()) {
            if (fleet.stores().stream().noneMatch(s -> s.id().equals(storeId))) {
                fleet.putStore(new Store(storeId, "测试冷库 " + storeId, "测试县/测试镇"));
            }
            return fleet.registerGateway(gatewayId, storeId);
        }
    }

    /**
     * Adds (or renames) a store and registers {@code count} gateways {@code prefix1 … prefixN} (zero-padded) in it
     * through the real {@code coldwatch-server add-gateways} command, run as a child process on this server's data
     * folder; returns the credentials file it wrote ({@code gatewayId,secret} per line).
     */
    public Path provisionFleet(String storeId, String prefix, int count, Path credentialsFile) throws Exception {
        runCommand("add-store", "--id", storeId, "--name", "测试冷库 " + storeId, "--region", "测试县/测试镇");
        runCommand("add-gateways", "--store", storeId, "--prefix", prefix, "--count", String.valueOf(count),
                "--out", credentialsFile.toString());
        return credentialsFile;
    }

    private void runCommand(String... arguments) throws Exception {
        Process command = new ProcessBuilder(javaCommand(arguments)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!command.waitFor(60, TimeUnit.SECONDS) || command.exitValue() != 0) {
            command.destroyForcibly();
            throw new IllegalStateException(arguments[0] + " failed; log:\n" + log());
        }
    }

    /**
     * Adds a store if needed and issues a one-time provisioning code for {@code gatewayId} through the real
     * {@code coldwatch-server issue-code} command, run as a child process; returns the code it printed.
     */
    public String issueCode(String storeId, String gatewayId, String... options) throws Exception {
        try (FleetRegistry fleet = openFleet()) {
            if (fleet.stores().stream().noneMatch(s -> s.id().equals(storeId))) {
                fleet.putStore(new Store(storeId, "测试冷库 " + storeId, "测试县/测试镇"));
            }
        }
        List<String> arguments = new ArrayList<>(List.of("issue-code", "--store", storeId, "--gateway", gatewayId));
        arguments.addAll(List.of(options));
        Process issuing = new ProcessBuilder(javaCommand(arguments.toArray(String[]::new)))
                .redirectErrorStream(true).start();
        String output = new String(issuing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!issuing.waitFor(60, TimeUnit.SECONDS) || issuing.exitValue() != 0) {
            issuing.destroyForcibly();
            throw new IllegalStateException("issue-code failed:\n" + output);
        }
        Matcher code = Pattern.compile("\\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\\b")
                .matcher(output);
        if (!code.find()) {
            throw new IllegalStateException("issue-code printed no code:\n" + output);
        }
        return code.group(1);
    }

    /** {@code http://127.0.0.1:<port>}, the HTTP API's base address. */
    public String httpUri() {
        return "http://127.0.0.1:" + httpPort;
    }

    private List<String> javaCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.coldwatch.server.app.ServerMain"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--set", "storage.dataDir=" + dataDir));
        // the same settings as the server (e.g. meta.url on PostgreSQL), so commands see the server's databases
        for (String setting : extraSettings) {
            command.add("--set");
            command.add(setting);
        }
        return command;
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.coldwatch.server.app.ServerMain", "run",
                "--set", "http.host=127.0.0.1", "--set", "http.port=" + httpPort,
                "--set", "mqtt.host=127.0.0.1", "--set", "mqtt.port=" + mqttPort,
                "--set", "storage.dataDir=" + dataDir));
        for (String setting : extraSettings) {
            command.add("--set");
            command.add(setting);
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + "; log:\n" + log());
            }
            return healthStatus() == 200;
        });
    }

    /** The HTTP status of {@code /health} now: 200 when storage and MQTT are up, 503 when not, -1 if no answer. */
    public int healthStatus() {
        try {
            return HTTP.send(request("/health"), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).build();
    }

    /** GETs a path and returns the body; fails on a non-2xx answer. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** PUTs a JSON body to a path; returns the answer, whatever its status. */
    public HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one Prometheus sample, e.g. {@code coldwatch_ingest_rejected_total{reason="bad_secret"}}. */
    public double metric(String sample) throws IOException, InterruptedException {
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return 0.0;
    }

    /** Kills the server with SIGKILL, as a power cut would, and waits until it is gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the server again on the same ports and data. */
    public void restart() throws IOException {
        launch();
    }

    /** The server's PID. */
    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    public int mqttPort() {
        return mqttPort;
    }

    /** {@code tcp://127.0.0.1:<mqttPort>}. */
    public String mqttUri() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    /** Everything the server has logged so far. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Stops the server with SIGTERM (a clean shutdown), or SIGKILL if it does not stop in time. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
