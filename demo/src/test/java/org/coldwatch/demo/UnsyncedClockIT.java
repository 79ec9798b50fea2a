package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.outbox.ClockSync;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pi without real-time clock, end to end: a real gateway boots with its wall clock in 1971, takes readings, and
 * only later learns the time. The reading it gave up waiting for reaches the real server marked {@code unsynced}
 * (accepted although its time is far outside the server's window); the one taken shortly before the clock was set
 * arrives corrected from the monotonic clock and marked {@code corrected}.
 */
class UnsyncedClockIT {
    static final String GATEWAY = "gw-norc";
    static final Instant BOOT_WALL = Instant.parse("1971-01-01T00:00:00Z");

    @TempDir
    Path dir;

    /** The Pi's clocks under the test's control. */
    static final class PiClocks implements ClockSync {
        final AtomicBoolean synced = new AtomicBoolean();
        final AtomicLong monoMillis = new AtomicLong(4_000);
        final ManualClock wall = new ManualClock(BOOT_WALL);

        void pass(Duration d) {
            monoMillis.addAndGet(d.toMillis());
            wall.advance(d);
        }

        @Override
        public boolean isSynchronized() {
            return synced.get();
        }

        @Override
        public long monotonicMillis() {
            return monoMillis.get();
        }

        @Override
        public String bootId() {
            return "boot-of-UnsyncedClockIT";
        }
    }

    @Test
    void unsyncedAndCorrectedMarksReachTheServer() throws Exception {
        Path serverData = dir.resolve("server");
        ServerProcess server = ServerProcess.start(serverData);
        PiClocks pi = new PiClocks();
        Instant trueNow = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            String secret = server.register("store-norc", GATEWAY);
            GatewayConfig config = GatewayConfig.builder(GATEWAY, secret).serverUri(server.mqttUri())
                    .outboxPath(dir.resolve("outbox.db")).backoffInitialMillis(100).backoffMaxMillis(500).build();
            try (Gateway gateway = Gateway.start(config, List.of(), pi.wall, pi)) {
                // GIVEN a reading taken at boot, and no time for longer than the gateway waits for it
                gateway.intake().accept("probe", List.of(Reading.of("air", ReadingKind.TEMPERATURE, 3.5,
                        pi.wall.instant())));
                pi.pass(Duration.ofMinutes(11));
                await().atMost(Duration.ofSeconds(30)).until(() -> gateway.outboxDepth() == 0);

                // WHEN another reading is taken, and 2 minutes later NTP sets the clock
                gateway.intake().accept("probe", List.of(Reading.of("air", ReadingKind.TEMPERATURE, 3.6,
                        pi.wall.instant())));
                pi.pass(Duration.ofMinutes(2));
                pi.wall.set(trueNow);
                pi.synced.set(true);
                await().atMost(Duration.ofSeconds(30)).until(() -> gateway.outboxDepth() == 0);
                assertThat(gateway.quarantinedCount()).isZero();
            }
        } finally {
            server.close();
        }

        // THEN the server holds both, each with its mark and the right time
        Map<Double, Object[]> stored = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + serverData.resolve("readings.db"));
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT value, measured_ms, time_quality FROM reading WHERE gateway_id = '"
                     + GATEWAY + "'")) {
            while (rs.next()) {
                stored.put(rs.getDouble(1), new Object[] {rs.getLong(2), rs.getString(3)});
            }
        }
        assertThat(stored).hasSize(2);
        assertThat(stored.get(3.5)).containsExactly(BOOT_WALL.toEpochMilli(), "unsynced");
        assertThat(stored.get(3.6)).containsExactly(trueNow.minus(Duration.ofMinutes(2)).toEpochMilli(), "corrected");
    }
}
