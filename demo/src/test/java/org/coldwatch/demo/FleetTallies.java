package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.coldwatch.server.testing.ServerProcess;
import org.coldwatch.sim.fleet.FleetReport;

/**
 * What the fleet generator reports against what a real server stored, gateway by gateway, counted by sequence
 * numbers: shared by the fleet ITs. Every check starts from the generator's report, so a batch the server holds
 * twice, or one it lost, shows up as a difference for that gateway.
 */
public final class FleetTallies {

    private FleetTallies() {
    }

    /** Everything sent was acknowledged in the end: nothing refused, nothing left unanswered. */
    static void assertEverySentBatchAcknowledged(FleetReport report) {
        assertThat(report.batches().sent()).isPositive();
        assertThat(report.batches().acked()).isEqualTo(report.batches().sent());
        assertThat(report.batches().unackedAtEnd()).isZero();
        assertThat(report.batches().refused()).isZero();
        assertThat(report.readings().acked())
                .isEqualTo(report.batches().acked() * report.readingsPerMessage());
    }

    /**
     * The server's tally API ({@code /api/gateways/{id}/tally}) per gateway equals the generator's report: seqs
     * 1 … batches sent, each batch once, the exact reading count, no gaps.
     */
    static void assertTalliesMatch(ServerProcess server, FleetReport report, int gateways) throws Exception {
        assertThat(report.perGateway()).hasSize(gateways);
        for (FleetReport.GatewayResult gateway : report.perGateway()) {
            JsonObject tally = new JsonObject(server.get("/api/gateways/" + gateway.gatewayId() + "/tally"));
            assertThat(gateway.batchesSent()).as(gateway.gatewayId() + " sent").isPositive();
            assertTallyMatches(gateway, tally);
        }
    }

    /**
     * The server's tally of one gateway ({@code GET /api/gateways/{id}/tally}) holds exactly what the generator
     * reports acknowledged: seqs 1 … last once each, no gaps, every reading.
     */
    public static void assertTallyMatches(FleetReport.GatewayResult gateway, JsonObject tally) {
        assertThat(gateway.firstSeq()).isEqualTo(1);
        assertThat(tally.getLong("minSeq")).as(gateway.gatewayId() + " minSeq").isEqualTo(1);
        assertThat(tally.getLong("maxSeq")).as(gateway.gatewayId() + " maxSeq").isEqualTo(gateway.lastSeq())
                .isEqualTo(gateway.batchesSent());
        assertThat(tally.getLong("batches")).as(gateway.gatewayId() + " batches")
                .isEqualTo(gateway.batchesAcked());
        assertThat(tally.getLong("readings")).as(gateway.gatewayId() + " readings")
                .isEqualTo(gateway.readingsAcked());
        assertThat(tally.getLong("gaps")).as(gateway.gatewayId() + " gaps").isZero();
    }

    /**
     * Read straight from the embedded store's file (the server stopped): per gateway, the {@code batch} table holds
     * seqs 1 … batches sent once each, and the {@code reading} table holds exactly the acknowledged readings, every
     * batch with all of its readings.
     */
    static void assertSqliteFileHoldsEachBatchOnce(Path readingsDb, FleetReport report) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + readingsDb);
             PreparedStatement batches = db.prepareStatement("SELECT count(*), count(DISTINCT seq),"
                     + " coalesce(min(seq), 0), coalesce(max(seq), 0), coalesce(sum(reading_count), 0)"
                     + " FROM batch WHERE gateway_id = ?");
             PreparedStatement readings = db.prepareStatement("SELECT count(*), count(DISTINCT seq)"
                     + " FROM reading WHERE gateway_id = ?");
             PreparedStatement incomplete = db.prepareStatement("SELECT count(*) FROM (SELECT seq FROM reading"
                     + " WHERE gateway_id = ? GROUP BY seq HAVING count(*) <> ?)")) {
            for (FleetReport.GatewayResult gateway : report.perGateway()) {
                String id = gateway.gatewayId();
                long[] b = row(batches, id, 5);
                assertThat(b[0]).as(id + " batch rows").isEqualTo(gateway.batchesAcked())
                        .isEqualTo(gateway.batchesSent());
                assertThat(b[1]).as(id + " distinct seqs").isEqualTo(b[0]);
                assertThat(b[2]).as(id + " min seq").isEqualTo(1);
                assertThat(b[3]).as(id + " max seq").isEqualTo(gateway.lastSeq());
                assertThat(b[4]).as(id + " readings counted in batch rows").isEqualTo(gateway.readingsAcked());
                long[] r = row(readings, id, 2);
                assertThat(r[0]).as(id + " reading rows").isEqualTo(gateway.readingsAcked());
                assertThat(r[1]).as(id + " seqs with readings").isEqualTo(gateway.batchesAcked());
                incomplete.setString(1, id);
                incomplete.setInt(2, report.readingsPerMessage());
                try (ResultSet rs = incomplete.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(id + " batches without exactly their readings").isZero();
                }
            }
        }
    }

    private static long[] row(PreparedStatement q, String gatewayId, int columns) throws Exception {
        q.setString(1, gatewayId);
        try (ResultSet rs = q.executeQuery()) {
            rs.next();
            long[] values = new long[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = rs.getLong(i + 1);
            }
            return values;
        }
    }
}
