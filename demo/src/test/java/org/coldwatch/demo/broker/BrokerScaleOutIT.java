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
import org.coldwatch.server.testing.InfluxProcess;
import org.coldwatch.server.testing.PostgresServer;
import org.coldwatch.server.testing.ServerProcess;
import org.coldwatch.sim.fleet.Fleet;
import org.coldwatch.sim.fleet.FleetListener;
import org.coldwatch.sim.fleet.FleetReport;
import org.coldwatch.sim.fleet.GatewayCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out the intended way: two server instances on one shared subscription at a real Mosquitto, sharing their
 * state in real databases (readings in InfluxDB, metadata in PostgreSQL); one is killed with SIGKILL under load and
 * restarted. Every batch the broker acknowledged is in InfluxDB exactly once, and both instances stored some.
 */
class BrokerScaleOutIT {
    static final int GATEWAYS = 20;

    @TempDir
    Path dir;

    @Test
    void twoInstancesShareTheLoadAndOneKilledUnderLoadLosesAndDuplicatesNothing() throws Exception {
        try (MosquittoBroker broker = BrokerTesting.startBroker();
             InfluxProcess influx = InfluxProcess.start(dir.resolve("influx"));
             PostgresServer postgres = PostgresServer.start()) {
            String[] shared = {"storage.kind=influx", "storage.influx.url=" + influx.url(),
                "storage.influx.database=county", "meta.url=" + postgres.newDatabase(),
                "meta.username=" + postgres.username()};
            try (ServerProcess a = BrokerTesting.startServer(dir.resolve("a"), broker, "coldwatch-a", shared);
                 ServerProcess b = BrokerTesting.startServer(dir.resolve("b"), broker, "coldwatch-b", shared)) {
                // GIVEN gateways registered once, in the shared PostgreSQL metadata
                List<GatewayCredentials> gateways = anonymous(
                        a.provisionFleet("store-fleet", "fleet-", GATEWAYS, dir.resolve("creds.csv")));
                Fleet running = Fleet.start(fleet(broker, gateways, Duration.ofSeconds(20)), FleetListener.logging());

                // WHEN instance A is killed with SIGKILL while batches flow, B goes on, and A is started again
                await().atMost(Duration.ofSeconds(60)).until(() -> running.progress().batchesAcked() >= 1_000);
                assertThat(brokerMetric(a, "acknowledged")).as("A took its share before the kill").isPositive();
                a.kill9();
                double storedByB = stored(b);
                await().atMost(Duration.ofSeconds(60)).until(() -> stored(b) > storedByB);
                a.restart();
                FleetReport report = running.finished().get(3, TimeUnit.MINUTES);

                // THEN the broker acknowledged every batch to the gateways ...
                assertBrokerAcknowledgedEverything(report);
                // ... InfluxDB holds each exactly once, whoever stored it: contiguous seqs, no gaps, every reading
                awaitStoredExactlyOnce(b, report);
                awaitStoredExactlyOnce(a, report);
                // ... and after its restart A took its share again (its session's queue, then new batches)
                assertThat(stored(a)).as("stored by A after its restart").isPositive();
                assertThat(stored(b)).as("stored by B").isPositive();
            }
        }
    }

    private static double stored(ServerProcess server) throws Exception {
        return server.metric("coldwatch_ingest_batches_total{outcome=\"stored\"}");
    }
}
