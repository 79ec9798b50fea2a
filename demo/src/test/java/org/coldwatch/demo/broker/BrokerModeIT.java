package org.coldwatch.demo.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.coldwatch.demo.broker.BrokerTesting.anonymous;
import static org.coldwatch.demo.broker.BrokerTesting.assertBrokerAcknowledgedEverything;
import static org.coldwatch.demo.broker.BrokerTesting.awaitStoredExactlyOnce;
import static org.coldwatch.demo.broker.BrokerTesting.brokerMetric;
import static org.coldwatch.demo.broker.BrokerTesting.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.testing.MosquittoBroker;
import org.coldwatch.server.testing.ServerProcess;
import org.coldwatch.sim.fleet.Fleet;
import org.coldwatch.sim.fleet.FleetListener;
import org.coldwatch.sim.fleet.FleetReport;
import org.coldwatch.sim.fleet.GatewayCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process in external-broker mode behind a real Mosquitto, fed by the fleet load generator: every
 * batch the broker acknowledged to a gateway is stored exactly once (counted by sequence numbers, gateway by
 * gateway), also across a graceful broker restart in the middle of the load.
 */
class BrokerModeIT {
    static final int GATEWAYS = 20;

    @TempDir
    Path dir;

    @Test
    void everyBatchTheBrokerAcknowledgedIsStoredOnce() throws Exception {
        try (MosquittoBroker broker = BrokerTesting.startBroker();
             ServerProcess server = BrokerTesting.startServer(dir.resolve("server"), broker, "coldwatch-a")) {
            // GIVEN gateways registered on the server, sending anonymously to the broker
            List<GatewayCredentials> gateways = anonymous(
                    server.provisionFleet("store-fleet", "fleet-", GATEWAYS, dir.resolve("creds.csv")));

            // WHEN they send for six seconds, five batches a second each
            FleetReport report = Fleet.start(fleet(broker, gateways, Duration.ofSeconds(6)),
                    FleetListener.logging()).finished().get(2, TimeUnit.MINUTES);

            // THEN the broker acknowledged every batch, and the server stored each exactly once
            assertBrokerAcknowledgedEverything(report);
            assertThat(report.resends()).isZero();
            awaitStoredExactlyOnce(server, report);
            await().atMost(Duration.ofSeconds(30)).until(() -> brokerMetric(server, "acknowledged")
                    == report.batches().acked());
            assertThat(server.metric("coldwatch_ingest_batches_total{outcome=\"stored\"}"))
                    .isEqualTo(report.batches().acked());
            assertThat(brokerMetric(server, "received")).isEqualTo(report.batches().acked());
            assertThat(brokerMetric(server, "redelivered")).isZero();
            assertThat(server.metric("coldwatch_broker_connected")).isEqualTo(1.0);
            assertThat(server.metric("coldwatch_broker_inflight")).isZero();
        }
    }

    @Test
    void aGracefulBrokerRestartUnderLoadLosesAndDuplicatesNothing() throws Exception {
        try (MosquittoBroker broker = BrokerTesting.startBroker();
             ServerProcess server = BrokerTesting.startServer(dir.resolve("server"), broker, "coldwatch-a")) {
            List<GatewayCredentials> gateways = anonymous(
                    server.provisionFleet("store-fleet", "fleet-", GATEWAYS, dir.resolve("creds.csv")));
            Fleet running = Fleet.start(fleet(broker, gateways, Duration.ofSeconds(15)), FleetListener.logging());

            // WHEN the broker is restarted (SIGTERM, start again on the same port and persistence) while batches flow
            await().atMost(Duration.ofSeconds(60)).until(() -> running.progress().batchesAcked() >= 500);
            broker.restart();
            FleetReport report = running.finished().get(3, TimeUnit.MINUTES);

            // THEN the gateways and the server lost their connections and came back ...
            assertThat(report.connections().lost()).isGreaterThanOrEqualTo(GATEWAYS);
            await().atMost(Duration.ofSeconds(30)).until(() -> server.metric("coldwatch_broker_reconnects_total") >= 1);
            assertBrokerAcknowledgedEverything(report);
            // ... and the server holds each acknowledged batch once: contiguous seqs, no gaps, nothing twice
            awaitStoredExactlyOnce(server, report);
        }
    }
}
