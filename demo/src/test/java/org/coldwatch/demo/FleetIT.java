package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
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
 * The fleet load generator against a real server process: what the generator reports as acknowledged is exactly
 * what the server stored, gateway by gateway, counted by sequence numbers; also when the server is killed with
 * SIGKILL in the middle of the run and comes back.
 */
class FleetIT {
    static final int GATEWAYS = 50;
    static final int READINGS_PER_MESSAGE = 10;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBatchIsStoredOnceAndTheServerTallyAgreesPerGateway() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("server"))) {
            // GIVEN 50 gateways provisioned in bulk through the server's command line
            List<GatewayCredentials> credentials = GatewayCredentials.read(
                    server.provisionFleet("store-fleet", "fleet-", GATEWAYS, dir.resolve("creds.csv")));
            assertThat(credentials).hasSize(GATEWAYS);

            // WHEN they send for six seconds, five batches a second each
            FleetReport report = Fleet.start(options(server, credentials, Duration.ofSeconds(6)),
                    FleetListener.logging()).finished().get(2, TimeUnit.MINUTES);

            // THEN every batch sent was acknowledged, nothing was refused, left over or resent
            FleetTallies.assertEverySentBatchAcknowledged(report);
            assertThat(report.resends()).isZero();
            assertThat(report.connections().peak()).isEqualTo(GATEWAYS);
            // ... and the server stored exactly that, gateway by gateway
            FleetTallies.assertTalliesMatch(server, report, GATEWAYS);
            assertThat(server.metric("coldwatch_ingest_batches_total{outcome=\"stored\"}"))
                    .isEqualTo(report.batches().acked());
        }
    }

    @Test
    void batchesInFlightWhenTheServerIsKilledAreResentWithTheirSeqAndStoredExactlyOnce() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("server"))) {
            List<GatewayCredentials> credentials = GatewayCredentials.read(
                    server.provisionFleet("store-fleet", "fleet-", GATEWAYS, dir.resolve("creds.csv")));
            Fleet fleet = Fleet.start(options(server, credentials, Duration.ofSeconds(15)), FleetListener.logging());

            // WHEN the server is killed with SIGKILL while batches flow, and restarted on the same port and data
            await().atMost(Duration.ofSeconds(60)).until(() -> fleet.progress().batchesAcked() >= 1_000);
            server.kill9();
            await().atMost(Duration.ofSeconds(30)).until(() -> fleet.progress().connected() == 0);
            server.restart();
            FleetReport report = fleet.finished().get(3, TimeUnit.MINUTES);

            // THEN every gateway lost its connection and came back, every sent batch was acknowledged in the end
            assertThat(report.connections().lost()).isGreaterThanOrEqualTo(GATEWAYS);
            assertThat(report.connections().connects()).isGreaterThanOrEqualTo(2L * GATEWAYS);
            FleetTallies.assertEverySentBatchAcknowledged(report);
            // ... and, resends notwithstanding, the server holds each batch once: contiguous seqs, no gaps
            FleetTallies.assertTalliesMatch(server, report, GATEWAYS);
        }
    }

    private static FleetOptions options(ServerProcess server, List<GatewayCredentials> credentials,
                                        Duration duration) {
        return FleetOptions.builder(server.mqttUri(), credentials)
                .sensorsPerGateway(5)
                .readingsPerMessage(READINGS_PER_MESSAGE)
                .pace(Pace.interval(Duration.ofMillis(200)))
                .duration(duration)
                .rampUp(Duration.ofSeconds(1))
                .drainTimeout(Duration.ofSeconds(60))
                .progressInterval(Duration.ofSeconds(2))
                .build();
    }
}
