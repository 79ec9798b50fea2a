package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's promise, end to end with real parts: a real gateway sends 10,000 readings to a real server
 * process over loopback MQTT; midway the server is killed with SIGKILL and restarted; at the end the server holds
 * every reading exactly once, counted by sequence numbers, and the gateway's outbox is empty.
 */
class ExactlyOnceIT {
    static final int READINGS = 10_000;
    static final int PER_APPEND = 10;

    @TempDir
    Path dir;

    @Test
    void everyReadingArrivesExactlyOnceAcrossAServerKilledWithSigkill() throws Exception {
        Path serverData = dir.resolve("server");
        ServerProcess server = ServerProcess.start(serverData);
        String secret = server.register("store-e2e", "gw-e2e");
        GatewayConfig config = GatewayConfig.builder("gw-e2e", secret)
                .serverUri(server.mqttUri())
                .outboxPath(dir.resolve("gateway").resolve("outbox.db"))
                .maxReadingsPerBatch(50)
                .backoffInitialMillis(100)
                .backoffMaxMillis(1_000)
                .build();
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        AtomicInteger appended = new AtomicInteger();
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();

        try (Gateway gateway = Gateway.start(config, List.of(), Clock.systemUTC())) {
            // GIVEN readings arriving at about 2,000/s, as a busy gateway's sensors would deliver them
            feeder.scheduleAtFixedRate(() -> {
                int first = appended.get();
                if (first >= READINGS) {
                    return;
                }
                List<Reading> chunk = new ArrayList<>(PER_APPEND);
                for (int i = first; i < first + PER_APPEND; i++) {
                    chunk.add(Reading.of("probe-" + (i % 5), ReadingKind.TEMPERATURE, (i % 100) / 10.0,
                            t0.plusMillis(i)));
                }
                gateway.outbox().append(chunk);
                appended.addAndGet(PER_APPEND);
            }, 0, 5, TimeUnit.MILLISECONDS);

            // WHEN the server is killed with SIGKILL once a good part has been stored
            await().atMost(Duration.ofSeconds(60)).until(() -> storedReadings(server) >= 3_000);
            server.kill9();
            long storedBeforeKill = appended.get();
            // ... readings keep coming while it is down, and it comes back on the same port and data
            await().atMost(Duration.ofSeconds(30)).until(() -> appended.get() >= storedBeforeKill + 1_000);
            server.restart();

            // THEN the outbox drains and the server holds every reading exactly once
            await().atMost(Duration.ofSeconds(120)).until(() -> appended.get() >= READINGS
                    && gateway.outboxDepth() == 0);
            JsonObject tally = new JsonObject(server.get("/api/gateways/gw-e2e/tally"));
            assertThat(tally.getLong("readings")).isEqualTo(READINGS);
            assertThat(tally.getLong("minSeq")).isEqualTo(1);
            assertThat(tally.getLong("gaps")).isZero();
            assertThat(tally.getLong("batches")).isEqualTo(tally.getLong("maxSeq"));
            assertThat(gateway.quarantinedCount()).isZero();
            assertThat(gateway.uplinkStats().reconnects()).isPositive();
        } finally {
            feeder.shutdownNow();
            server.close();
        }

        // ... and, read straight from the server's database file, each reading is there once
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + serverData.resolve("readings.db"));
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT measured_ms), min(measured_ms),"
                     + " max(measured_ms) FROM reading WHERE gateway_id = 'gw-e2e'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows").isEqualTo(READINGS);
            assertThat(rs.getLong(2)).as("distinct readings").isEqualTo(READINGS);
            assertThat(rs.getLong(3)).isEqualTo(t0.toEpochMilli());
            assertThat(rs.getLong(4)).isEqualTo(t0.toEpochMilli() + READINGS - 1);
        }
    }

    private static long storedReadings(ServerProcess server) {
        try {
            return new JsonObject(server.get("/api/gateways/gw-e2e/tally")).getLong("readings");
        } catch (Exception e) {
            return -1;
        }
    }
}
