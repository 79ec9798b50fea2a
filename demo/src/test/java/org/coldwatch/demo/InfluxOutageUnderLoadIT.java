package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coldwatch.server.testing.InfluxProcess;
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
 * Backpressure through a storage outage: a real server process with {@code storage.kind=influx} on a real influxd
 * 1.6.7, the fleet generator sending steadily; influxd is stopped for 60 s and started again on the same port and
 * data. While it is down not one batch is acknowledged (the gateways keep theirs: they keep sending, answers wait);
 * afterwards every batch is acknowledged, and InfluxDB holds each reading once — counted per gateway by querying
 * InfluxDB, and through the server's ledger-backed tally.
 */
class InfluxOutageUnderLoadIT {
    static final int GATEWAYS = 20;
    /** One reading per sensor per batch: no two points of a gateway share (sensor, time). */
    static final int READINGS_PER_MESSAGE = 5;
    static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The server's default {@code mqtt.receiveMaximum}, which bounds each gateway's unanswered batches. */
    private static final long RECEIVE_MAXIMUM = 100;

    @TempDir
    Path dir;

    @Test
    void whileInfluxIsDownNothingIsAcknowledgedAndAfterwardsEveryReadingIsStoredOnce() throws Exception {
        try (InfluxProcess influx = InfluxProcess.start(dir.resolve("influx"));
             ServerProcess server = ServerProcess.start(dir.resolve("server"), "storage.kind=influx",
                     "storage.influx.url=" + influx.url(), "storage.influx.database=county")) {
            List<GatewayCredentials> credentials = GatewayCredentials.read(
                    server.provisionFleet("store-fleet", "fleet-", GATEWAYS, dir.resolve("creds.csv")));
            // GIVEN 20 gateways sending 10 batches a second each (1,000 readings/s), acknowledged as they go
            Fleet fleet = Fleet.start(FleetOptions.builder(server.mqttUri(), credentials)
                    .sensorsPerGateway(READINGS_PER_MESSAGE)
                    .readingsPerMessage(READINGS_PER_MESSAGE)
                    .pace(Pace.interval(Duration.ofMillis(100)))
                    .duration(Duration.ofMinutes(10))
                    .rampUp(Duration.ofSeconds(1))
                    .drainTimeout(Duration.ofSeconds(90))
                    .progressInterval(Duration.ofSeconds(5))
                    .build(), FleetListener.logging());
            await().atMost(Duration.ofSeconds(60)).until(() -> fleet.progress().batchesAcked() >= 2_000);

            // WHEN InfluxDB stops, and the server has noticed (health DOWN after a failed write)
            influx.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> server.healthStatus() == 503);
            long ackedWhenDown = fleet.progress().batchesAcked();
            long sentWhenDown = fleet.progress().batchesSent();

            // THEN for the whole outage no acknowledgement comes, although the gateways keep publishing
            await().during(OUTAGE.minusSeconds(2)).atMost(OUTAGE.plusSeconds(10))
                    .until(() -> fleet.progress().batchesAcked() == ackedWhenDown);
            // ... until each gateway's window (the server's Receive Maximum, 100 by default) is full: then they wait
            assertThat(fleet.progress().batchesSent()).isGreaterThan(sentWhenDown);
            assertThat(fleet.progress().batchesSent() - ackedWhenDown).as("unanswered during the outage")
                    .isLessThanOrEqualTo(GATEWAYS * RECEIVE_MAXIMUM);
            assertThat(fleet.progress().batchesRefused()).isZero();

            // WHEN InfluxDB comes back on the same port and data, and the load goes on a little
            influx.start();
            long sentAtRestart = fleet.progress().batchesSent();
            await().atMost(Duration.ofSeconds(90)).until(() -> fleet.progress().batchesAcked() >= sentAtRestart);
            fleet.stop();
            FleetReport report = fleet.finished().get(3, TimeUnit.MINUTES);

            // THEN everything sent is acknowledged, the ledger's tally equals the report gateway by gateway ...
            FleetTallies.assertEverySentBatchAcknowledged(report);
            FleetTallies.assertTalliesMatch(server, report, GATEWAYS);
            // ... and InfluxDB itself holds each acknowledged reading once, with each batch's seq once per sensor
            Map<String, Long> points = perGateway(influx, "SELECT count(value) FROM reading GROUP BY gateway");
            Map<String, Long> seqs = perGateway(influx, "SELECT count(distinct(seq)) FROM reading GROUP BY gateway");
            for (FleetReport.GatewayResult gateway : report.perGateway()) {
                assertThat(points.get(gateway.gatewayId())).as(gateway.gatewayId() + " points")
                        .isEqualTo(gateway.readingsAcked());
                assertThat(seqs.get(gateway.gatewayId())).as(gateway.gatewayId() + " distinct seqs")
                        .isEqualTo(gateway.batchesAcked());
            }
        }
    }

    /** Runs an InfluxQL query grouped by the gateway tag; returns each gateway's single value. */
    private static Map<String, Long> perGateway(InfluxProcess influx, String query) throws Exception {
        URI uri = influx.url().resolve("/query?db=county&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonArray series = new JsonObject(response.body()).getJsonArray("results").getJsonObject(0)
                .getJsonArray("series");
        Map<String, Long> values = new HashMap<>();
        for (int i = 0; i < series.size(); i++) {
            JsonObject s = series.getJsonObject(i);
            values.put(s.getJsonObject("tags").getString("gateway"),
                    s.getJsonArray("values").getJsonArray(0).getLong(1));
        }
        return values;
    }
}
