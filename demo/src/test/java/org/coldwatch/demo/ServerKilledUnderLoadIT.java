package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coldwatch.server.testing.ServerProcess;
import org.coldwatch.sim.fleet.Fleet;
import org.coldwatch.sim.fleet.FleetListener;
import org.coldwatch.sim.fleet.FleetOptions;
import org.coldwatch.sim.fleet.FleetReport;
import org.coldwatch.sim.fleet.GatewayCredentials;
import org.coldwatch.sim.fleet.Pace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acknowledge-after-durable-store promise at full speed: the fleet generator offers far more than the server can
 * take (each connection's window always full, bounded by {@code --max-inflight}), and the server process, on its
 * embedded SQLite store, is killed with SIGKILL ten times and restarted on the same port and data. In the end every
 * batch the generator sent is acknowledged, none refused, and the database file holds each (gateway, seq) exactly
 * once with exactly its readings — compared gateway by gateway with the generator's report.
 */
class ServerKilledUnderLoadIT {
    static final int GATEWAYS = 20;
    /** One reading per sensor per batch (50 sensors): each series gets a realistic share of the readings. */
    static final int READINGS_PER_MESSAGE = 50;
    static final int MAX_INFLIGHT = 20;
    static final int KILLS = 10;
    /** Batches acknowledged after each (re)start before the next kill: the server is taking load when it dies. */
    static final long ACKS_BETWEEN_KILLS = 500;

    @TempDir
    Path dir;

    @Test
    void tenSigkillsDuringFullRateIngestLoseNothingAndStoreNothingTwice() throws Exception {
        Path data = dir.resolve("server");
        List<Long> unansweredAtKill = new ArrayList<>();
        List<Integer> connectedAtKill = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(data)) {
            List<GatewayCredentials> credentials = GatewayCredentials.read(
                    server.provisionFleet("store-fleet", "fleet-", GATEWAYS, dir.resolve("creds.csv")));
            // GIVEN an offered load of a million readings a second, far above what one server on this box stores
            Fleet fleet = Fleet.start(FleetOptions.builder(server.mqttUri(), credentials)
                    .sensorsPerGateway(READINGS_PER_MESSAGE)
                    .readingsPerMessage(READINGS_PER_MESSAGE)
                    .pace(Pace.totalRate(1_000_000))
                    .maxInflight(MAX_INFLIGHT)
                    .duration(Duration.ofMinutes(10))
                    .drainTimeout(Duration.ofSeconds(90))
                    .progressInterval(Duration.ofSeconds(5))
                    .build(), FleetListener.logging());

            // WHEN the server is killed with SIGKILL ten times while the windows are full, restarted each time
            for (int kill = 1; kill <= KILLS; kill++) {
                long target = fleet.progress().batchesAcked() + ACKS_BETWEEN_KILLS;
                await().atMost(Duration.ofSeconds(60)).until(() -> fleet.progress().batchesAcked() >= target);
                unansweredAtKill.add(fleet.progress().unanswered());
                connectedAtKill.add(fleet.progress().connected());
                server.kill9();
                await().atMost(Duration.ofSeconds(30)).until(() -> fleet.progress().connected() == 0);
                server.restart();
            }
            long afterLastRestart = fleet.progress().batchesAcked() + ACKS_BETWEEN_KILLS;
            await().atMost(Duration.ofSeconds(60)).until(() -> fleet.progress().batchesAcked() >= afterLastRestart);
            fleet.stop();
            FleetReport report = fleet.finished().get(3, TimeUnit.MINUTES);

            // THEN batches were in flight at every kill, and were resent after the restarts
            assertThat(unansweredAtKill).hasSize(KILLS).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(connectedAtKill).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(report.connections().lost())
                    .isGreaterThanOrEqualTo(connectedAtKill.stream().mapToLong(Integer::longValue).sum());
            assertThat(report.resends()).isPositive();
            // ... the generator was held back by the server, not the other way round
            assertThat(report.batches().notSent()).isPositive();
            // ... yet every batch it sent was acknowledged in the end, none refused
            FleetTallies.assertEverySentBatchAcknowledged(report);
            // ... and the server's tally equals the generator's report, gateway by gateway
            FleetTallies.assertTalliesMatch(server, report, GATEWAYS);
            server.close();
            // ... as does the database file itself: each (gateway, seq) once, with exactly its readings
            FleetTallies.assertSqliteFileHoldsEachBatchOnce(data.resolve("readings.db"), report);
        }
    }
}
