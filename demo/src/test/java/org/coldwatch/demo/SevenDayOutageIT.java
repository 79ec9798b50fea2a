package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.testing.ServerProcess;
import org.coldwatch.sim.network.LinkProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A week without 4G, on a controllable clock ({@link ManualClock} injected into the gateway): 32 sensors are read
 * once per simulated minute for 7 simulated days (322,560 readings, appended through the gateway's intake an hour at
 * a time) while its uplink ({@link LinkProxy}) is cut; then the link returns. Every reading
 * reaches the real server process exactly once with its original measurement time, and readings appended live while
 * the backlog drains reach the server within 2 s of their append (server receive time), i.e. the fast lane is not
 * starved by the backfill.
 */
class SevenDayOutageIT {
    private static final Logger LOG = LoggerFactory.getLogger(SevenDayOutageIT.class);
    static final int SENSORS = 32;
    static final int MINUTES = 7 * 24 * 60;
    static final long BACKLOG = (long) SENSORS * MINUTES;
    static final String GATEWAY = "gw-week";

    @TempDir
    Path dir;

    @Test
    void aWeekOfReadingsArrivesOnceWithOriginalTimesWhileLiveReadingsKeepAFastLane() throws Exception {
        Path serverData = dir.resolve("server");
        ServerProcess server = ServerProcess.start(serverData);
        Instant start = Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.MINUTES);
        ManualClock clock = new ManualClock(start);
        Map<String, Long> liveAppendedAtMs = new ConcurrentHashMap<>();
        ScheduledExecutorService liveFeeder = Executors.newSingleThreadScheduledExecutor();
        try (LinkProxy link = LinkProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                server.mqttPort()))) {
            String secret = server.register("store-week", GATEWAY);
            link.cut();
            GatewayConfig config = GatewayConfig.builder(GATEWAY, secret)
                    .serverUri("tcp://127.0.0.1:" + link.port())
                    .outboxPath(dir.resolve("outbox.db"))
                    .backoffInitialMillis(100)
                    .backoffMaxMillis(500)
                    .build();
            try (Gateway gateway = Gateway.start(config, List.of(), clock)) {
                // GIVEN 7 simulated days of 32 sensors at 1/min, taken while the link is down
                for (int hour = 0; hour < MINUTES / 60; hour++) {
                    List<Reading> readings = new ArrayList<>(60 * SENSORS);
                    for (int minute = 0; minute < 60; minute++) {
                        readings.addAll(round(clock.instant()));
                        clock.advance(Duration.ofMinutes(1));
                    }
                    gateway.intake().accept("week", readings);
                }
                assertThat(gateway.outboxDepth()).isEqualTo(BACKLOG);
                assertThat(tally(server).getLong("readings")).isZero();

                // WHEN the link returns, with live readings arriving every 250 ms of real time
                liveFeeder.scheduleAtFixedRate(() -> {
                    clock.set(Instant.now());
                    List<Reading> live = round(clock.instant());
                    gateway.intake().accept("live", live);
                    long appendedMs = System.currentTimeMillis();
                    live.forEach(r -> liveAppendedAtMs.put(key(r.sensorId(), r.measuredAt().toEpochMilli()),
                            appendedMs));
                }, 0, 250, TimeUnit.MILLISECONDS);
                long restoredNanos = System.nanoTime();
                link.restore();

                // THEN the backlog drains
                await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(200))
                        .until(() -> storedUpTo(serverData, start.plus(Duration.ofDays(7))) == BACKLOG);
                long backfillMillis = (System.nanoTime() - restoredNanos) / 1_000_000;
                liveFeeder.shutdown();
                assertThat(liveFeeder.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(30)).until(() -> gateway.outboxDepth() == 0);
                LOG.info("seven-day outage: {} readings backfilled in {} ms ({} readings/s), {} live readings",
                        BACKLOG, backfillMillis, BACKLOG * 1000 / Math.max(1, backfillMillis), liveAppendedAtMs.size());
                assertThat(gateway.quarantinedCount()).isZero();
            }
            JsonObject tally = tally(server);
            assertThat(tally.getLong("readings")).isEqualTo(BACKLOG + liveAppendedAtMs.size());
            assertThat(tally.getLong("minSeq")).isEqualTo(1);
            assertThat(tally.getLong("gaps")).isZero();
            assertThat(tally.getLong("batches")).isEqualTo(tally.getLong("maxSeq"));
        } finally {
            liveFeeder.shutdownNow();
            server.close();
        }

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + serverData.resolve("readings.db"));
             Statement s = db.createStatement()) {
            // ... each reading once, with its original measurement time: per sensor one per simulated minute
            try (ResultSet rs = s.executeQuery("SELECT sensor_id, COUNT(*), COUNT(DISTINCT measured_ms),"
                    + " MIN(measured_ms), MAX(measured_ms), SUM(measured_ms % 60000 = 0) FROM reading"
                    + " WHERE gateway_id = '" + GATEWAY + "' AND measured_ms < "
                    + start.plus(Duration.ofDays(7)).toEpochMilli() + " GROUP BY sensor_id")) {
                int sensors = 0;
                while (rs.next()) {
                    sensors++;
                    assertThat(rs.getLong(2)).as(rs.getString(1)).isEqualTo(MINUTES);
                    assertThat(rs.getLong(3)).as(rs.getString(1)).isEqualTo(MINUTES);
                    assertThat(rs.getLong(4)).isEqualTo(start.toEpochMilli());
                    assertThat(rs.getLong(5)).isEqualTo(start.plus(Duration.ofMinutes(MINUTES - 1)).toEpochMilli());
                    assertThat(rs.getLong(6)).isEqualTo(MINUTES);
                }
                assertThat(sensors).isEqualTo(SENSORS);
            }
            // ... and every live reading appended during the backfill was stored within 2 s of its append
            long lastBacklogReceivedMs;
            try (ResultSet rs = s.executeQuery("SELECT MAX(received_ms) FROM reading WHERE gateway_id = '" + GATEWAY
                    + "' AND measured_ms < " + start.plus(Duration.ofDays(7)).toEpochMilli())) {
                rs.next();
                lastBacklogReceivedMs = rs.getLong(1);
            }
            int duringBackfill = 0;
            long slowestMs = 0;
            try (ResultSet rs = s.executeQuery("SELECT sensor_id, measured_ms, received_ms FROM reading"
                    + " WHERE gateway_id = '" + GATEWAY + "' AND measured_ms >= "
                    + start.plus(Duration.ofDays(7)).toEpochMilli())) {
                while (rs.next()) {
                    Long appendedMs = liveAppendedAtMs.get(key(rs.getString(1), rs.getLong(2)));
                    assertThat(appendedMs).as("live reading %s@%d was appended", rs.getString(1), rs.getLong(2))
                            .isNotNull();
                    if (appendedMs < lastBacklogReceivedMs) {
                        duringBackfill++;
                        slowestMs = Math.max(slowestMs, rs.getLong(3) - appendedMs);
                        assertThat(rs.getLong(3) - appendedMs).as("append→stored of live %s@%d, ms",
                                rs.getString(1), rs.getLong(2)).isLessThanOrEqualTo(2_000);
                    }
                }
            }
            LOG.info("seven-day outage: {} live readings appended during the backfill, slowest append→stored {} ms",
                    duringBackfill, slowestMs);
            assertThat(duringBackfill).as("live readings appended while the backlog drained")
                    .isGreaterThanOrEqualTo(4 * SENSORS);
        }
    }

    /** One sampling round of the 32 sensors at {@code at}. */
    private static List<Reading> round(Instant at) {
        List<Reading> readings = new ArrayList<>(SENSORS);
        long minute = at.getEpochSecond() / 60;
        for (int s = 0; s < SENSORS; s++) {
            readings.add(Reading.of("room-" + (s / 8) + ".probe-" + (s % 8), ReadingKind.TEMPERATURE,
                    2.0 + ((minute + s) % 40) * 0.05, at));
        }
        return readings;
    }

    private static String key(String sensor, long measuredMs) {
        return sensor + "@" + measuredMs;
    }

    private static long storedUpTo(Path serverData, Instant end) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + serverData.resolve("readings.db"));
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM reading WHERE gateway_id = '" + GATEWAY
                     + "' AND measured_ms < " + end.toEpochMilli())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonObject tally(ServerProcess server) throws Exception {
        return new JsonObject(server.get("/api/gateways/" + GATEWAY + "/tally"));
    }
}
