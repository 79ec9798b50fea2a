package org.coldwatch.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 15 cluster for integration tests: a fresh {@code initdb} in a temporary folder, trust
 * authentication, listening only on 127.0.0.1 on a free port (its Unix socket in the same folder), stopped by its
 * postmaster's PID on {@link #close()}.
 *
 * <p>{@code initdb} refuses to run as root, so when the tests run as root every PostgreSQL program is run as the
 * {@code postgres} OS user ({@code runuser -u postgres --}) in a folder owned by that user; as any other user the
 * programs run directly.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String SUPERUSER = "postgres";
    private static final int START_ATTEMPTS = 3;
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path dir;
    private final Path data;
    private final int port;
    private final long postmasterPid;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path dir, Path data, int port, long postmasterPid) {
        this.dir = dir;
        this.data = data;
        this.port = port;
        this.postmasterPid = postmasterPid;
    }

    /**
     * Creates a cluster and starts it; returns once it accepts connections.
     *
     * @throws IOException if PostgreSQL is not installed, or initdb or the start fails (the server log is in the
     *                     message)
     */
    public static PostgresServer start() throws IOException, InterruptedException {
        return start(false);
    }

    /**
     * Like {@link #start()}, with {@code fsync} on as in production when {@code durable} (for benchmarks); off
     * otherwise (test data need not survive a power cut, and the machine's disk is shared).
     */
    public static PostgresServer start(boolean durable) throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.isExecutable(BIN.resolve("pg_ctl"))) {
            throw new IOException("PostgreSQL 15 is not installed in " + BIN + ": `./coldwatch test` installs it"
                    + " (TEST_PACKAGES), or apt-get install postgresql-15");
        }
        Path dir = Files.createTempDirectory("coldwatch-pg-");
        try {
            return startIn(dir, durable);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            stopIfRunning(dir, dir.resolve("data"));
            deleteTree(dir);
            throw e;
        }
    }

    private static PostgresServer startIn(Path dir, boolean durable) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        if (asRoot()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(SUPERUSER);
            Files.setOwner(dir, postgres);
        }
        run(dir, "initdb", "-D", data.toString(), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--no-sync",
                "--no-instructions");
        Path log = dir.resolve("server.log");
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                run(dir, "pg_ctl", "start", "-w", "-t", "60", "-D", data.toString(), "-l", log.toString(), "-o",
                        "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync="
                                + (durable ? "on" : "off") + " -c max_connections=20 -c shared_buffers=16MB");
                long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
                return new PostgresServer(dir, data, port, pid);
            } catch (IOException e) {
                last = e; // most likely the port was taken between choosing and binding it: choose again
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The postmaster's process id. */
    public long pid() {
        return postmasterPid;
    }

    /** The superuser, who needs no password (trust authentication on loopback). */
    public String username() {
        return SUPERUSER;
    }

    /** A JDBC URL of {@code database} in this cluster. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a new, empty database and returns its JDBC URL: one per test keeps tests independent. */
    public String newDatabase() throws SQLException {
        String name = "test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /**
     * Terminates every other session on {@code database} (as an administrator or a restart would), waiting until
     * they are gone.
     *
     * @return how many sessions were terminated
     */
    public int terminateConnections(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
             PreparedStatement q = c.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000))"
                     + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Stops the postmaster by its PID (fast shutdown) and deletes the cluster's folder. */
    @Override
    public void close() throws IOException {
        stop(dir, data, postmasterPid);
        deleteTree(dir);
    }

    private static void stopIfRunning(Path dir, Path data) {
        try {
            Path pidFile = data.resolve("postmaster.pid");
            if (Files.isReadable(pidFile)) {
                stop(dir, data, Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
            }
        } catch (IOException | RuntimeException e) {
            // nothing started, or it is gone already
        }
    }

    private static void stop(Path dir, Path data, long pid) {
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            try {
                run(dir, "pg_ctl", "stop", "-w", "-t", "60", "-m", "fast", "-D", data.toString());
            } catch (IOException e) {
                postmaster.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                postmaster.destroyForcibly();
            }
            try {
                postmaster.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                postmaster.destroyForcibly();
            }
        });
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(Path dir, String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        command.add(BIN.resolve(program).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(program + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            Path log = dir.resolve("server.log");
            String serverLog = Files.isReadable(log) ? Files.readString(log) : "";
            throw new IOException(program + " failed (exit " + process.exitValue() + "):\n" + output + serverLog);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
