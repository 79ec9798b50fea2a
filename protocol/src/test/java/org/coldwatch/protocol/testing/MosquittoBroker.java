package org.coldwatch.protocol.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Mosquitto broker for integration tests: its own temp folder, a free loopback port, stopped by its own PID.
 *
 * <p>Persistence is on, so that a subscriber's persistent session (and the retained status) survives {@link #stop()}
 * + {@link #restart()}. Mosquitto started as root drops to user {@code mosquitto}, so the folder is handed to that
 * user; it logs to stdout, which goes to {@code mosquitto.log} in the folder.
 *
 * <p>One fixture for every module's tests (the gateway's uplink tests, the server's external-broker tests): it lives
 * in the protocol module's test-jar. {@link #restart()} is a graceful restart (SIGTERM: Mosquitto saves its
 * persistence file on the way out); {@link #kill9()} is a crash (SIGKILL by its PID: whatever Mosquitto had not saved
 * yet is gone).
 */
public final class MosquittoBroker implements AutoCloseable {
    private static final String EXECUTABLE = "/usr/sbin/mosquitto";

    private final Path dir;
    private final int port;
    private final Path configFile;
    private Process process;

    private MosquittoBroker(Path dir, int port, Path configFile) {
        this.dir = dir;
        this.port = port;
        this.configFile = configFile;
    }

    /** Starts a broker that lets every client publish and subscribe anywhere. */
    public static MosquittoBroker start() throws IOException {
        return start(null);
    }

    /**
     * Starts a broker enforcing {@code acl} (mosquitto {@code acl_file} syntax); a publish it denies is answered
     * with PUBACK reason code 0x87 (not authorized) to an MQTT 5 client. Null for no ACL.
     */
    public static MosquittoBroker start(String acl) throws IOException {
        return start(acl, List.of());
    }

    /**
     * Starts a broker enforcing {@code acl} (null for none), with further {@code mosquitto.conf} lines appended to
     * the fixture's own (listener, anonymous access, persistence in its folder, 100,000 queued messages per client);
     * a later line overrides an earlier one of the same option.
     */
    public static MosquittoBroker start(String acl, List<String> extraConfigLines) throws IOException {
        Path dir = Files.createTempDirectory("coldwatch-mosquitto-");
        int port = freePort();
        StringBuilder config = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append("allow_anonymous true\n")
                .append("persistence true\n")
                .append("persistence_location ").append(dir).append("/\n")
                .append("max_queued_messages 100000\n")
                .append("log_dest stdout\n")
                .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n");
        if (acl != null) {
            config.append("acl_file ").append(Files.writeString(dir.resolve("acl"), acl)).append('\n');
        }
        extraConfigLines.forEach(line -> config.append(line).append('\n'));
        Path configFile = Files.writeString(dir.resolve("mosquitto.conf"), config);
        handToMosquittoUser(dir);
        MosquittoBroker broker = new MosquittoBroker(dir, port, configFile);
        broker.launch();
        return broker;
    }

    /** {@code tcp://127.0.0.1:PORT}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The loopback port it listens on. */
    public int port() {
        return port;
    }

    /** The broker's PID; fails if it is not running. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("mosquitto is not running");
        }
        return process.pid();
    }

    /** What the broker logged so far. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("mosquitto.log"));
    }

    /** Stops the broker by its PID (SIGTERM, then SIGKILL after 5 s) and waits until it is gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Kills the broker with SIGKILL by its PID, as a crash or power cut would, and waits until it is gone; start it
     * again with {@link #restart()}.
     */
    public void kill9() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        process = null;
    }

    /** Starts the broker again on the same port with the same config and persistence folder (after a stop if it runs). */
    public void restart() throws IOException {
        stop();
        launch();
    }

    /** Stops the broker and deletes its folder (kept when the environment variable KEEP_BROKER is set, to debug). */
    @Override
    public void close() throws IOException {
        stop();
        if (System.getenv("KEEP_BROKER") != null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(EXECUTABLE, "-c", configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
        Process started = process;
        await("mosquitto accepting on port " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("mosquitto exited with " + started.exitValue() + ": "
                                + Files.readString(dir.resolve("mosquitto.log")));
                    }
                    return accepts(port);
                });
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void handToMosquittoUser(Path dir) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        try {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            GroupPrincipal group = users.lookupPrincipalByGroupName("mosquitto");
            PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            view.setOwner(users.lookupPrincipalByName("mosquitto"));
            view.setGroup(group);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + dir + " to user mosquitto", e);
        }
    }
}
