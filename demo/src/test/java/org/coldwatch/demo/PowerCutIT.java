package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts, as near as a test gets: a real gateway process ({@link PowerCutGatewayMain}) appends numbered readings
 * and sends them to a real server process, and is killed with SIGKILL ten times while readings arrive and batches are
 * in flight, restarted each time on the same outbox file. Afterwards the outbox file passes SQLite's integrity check
 * and opens cleanly, and once drained the server holds every durably appended reading exactly once: no seq gaps, no
 * duplicate seqs, no duplicate or missing reading ids.
 */
class PowerCutIT {
    static final int KILLS = 10;
    static final String GATEWAY = "gw-powercut";

    @TempDir
    Path dir;

    @Test
    void everyDurablyAppendedReadingArrivesExactlyOnceAcrossTenSigkills() throws Exception {
        Path serverData = dir.resolve("server");
        Path outboxFile = dir.resolve("gateway").resolve("outbox.db");
        Path journal = dir.resolve("journal.txt");
        Path log = dir.resolve("gateway.log");
        ServerProcess server = ServerProcess.start(serverData);
        try {
            String secret = server.register("store-powercut", GATEWAY);
            for (int kill = 1; kill <= KILLS; kill++) {
                // GIVEN a running gateway process that appends and sends
                long journalBefore = PowerCutGatewayMain.lastBegun(journal);
                long storedBefore = storedReadings(server);
                Process gateway = startGateway(server, secret, outboxFile, journal, log);
                try {
                    // WHEN readings are being appended and the server is storing batches from this run
                    await().atMost(Duration.ofSeconds(60)).until(() -> PowerCutGatewayMain.lastBegun(journal)
                            >= journalBefore + 300 && storedReadings(server) > storedBefore);
                } finally {
                    // ... the power goes: SIGKILL, no shutdown hook, no clean close
                    gateway.destroyForcibly();
                    assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                assertThat(gateway.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            }

            // THEN the outbox file is intact
            assertThat(integrityCheck(outboxFile)).isEqualTo("ok");
            Journal decided = Journal.read(journal);
            assertThat(decided.done.cardinality()).isGreaterThan(KILLS * 300);

            // ... it opens cleanly and drains to the server
            GatewayConfig config = GatewayConfig.builder(GATEWAY, secret).serverUri(server.mqttUri())
                    .outboxPath(outboxFile).maxReadingsPerBatch(50).backoffInitialMillis(50).backoffMaxMillis(200)
                    .build();
            try (Gateway drain = Gateway.start(config, List.of(), Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> drain.outboxDepth() == 0);
                assertThat(drain.quarantinedCount()).isZero();
            }

            // ... and the server holds every batch once: seqs 1…max without gaps
            JsonObject tally = new JsonObject(server.get("/api/gateways/" + GATEWAY + "/tally"));
            assertThat(tally.getLong("minSeq")).isEqualTo(1);
            assertThat(tally.getLong("gaps")).isZero();
            assertThat(tally.getLong("batches")).isEqualTo(tally.getLong("maxSeq"));
        } finally {
            server.close();
        }

        // ... and every reading once: each durably appended one is there, nothing is there twice, nothing invented
        Journal decided = Journal.read(journal);
        BitSet stored = new BitSet();
        long rows = 0;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + serverData.resolve("readings.db"));
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT measured_ms FROM reading WHERE gateway_id = '" + GATEWAY + "'")) {
            while (rs.next()) {
                int n = (int) (rs.getLong(1) - PowerCutGatewayMain.T0.toEpochMilli());
                assertThat(stored.get(n)).as("reading %d stored twice", n).isFalse();
                stored.set(n);
                rows++;
            }
        }
        BitSet missing = (BitSet) decided.done.clone();
        missing.andNot(stored);
        assertThat(missing.cardinality()).as("durably appended readings missing on the server: %s", missing).isZero();
        BitSet invented = (BitSet) stored.clone();
        invented.andNot(decided.begun);
        assertThat(invented.cardinality()).as("readings on the server never appended: %s", invented).isZero();
        assertThat(rows).isEqualTo(stored.cardinality());
    }

    private Process startGateway(ServerProcess server, String secret, Path outbox, Path journal, Path log)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), PowerCutGatewayMain.class.getName(),
                server.mqttUri(), GATEWAY, secret, outbox.toString(), journal.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static long storedReadings(ServerProcess server) {
        try {
            return new JsonObject(server.get("/api/gateways/" + GATEWAY + "/tally")).getLong("readings");
        } catch (Exception e) {
            return -1;
        }
    }

    private static String integrityCheck(Path file) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** What the journal decided: readings surely appended ({@code done}) and possibly appended ({@code begun}). */
    record Journal(BitSet begun, BitSet done) {
        static Journal read(Path file) throws Exception {
            BitSet begun = new BitSet();
            BitSet done = new BitSet();
            long openFrom = -1;
            long openTo = -1;
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String[] parts = line.split(" ");
                if (parts[0].equals("begin") && parts.length == 3) {
                    openFrom = Long.parseLong(parts[1]);
                    openTo = Long.parseLong(parts[2]);
                    begun.set((int) openFrom, (int) openTo + 1);
                } else if (parts[0].equals("done") && parts.length == 2 && Long.parseLong(parts[1]) == openTo) {
                    done.set((int) openFrom, (int) openTo + 1);
                }
            }
            return new Journal(begun, done);
        }
    }
}
