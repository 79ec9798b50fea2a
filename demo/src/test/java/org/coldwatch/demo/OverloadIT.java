package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coldwatch.server.testing.ServerProcess;
import org.coldwatch.sim.fleet.Fleet;
import org.coldwatch.sim.fleet.FleetListener;
import org.coldwatch.sim.fleet.FleetOptions;
import org.coldwatch.sim.fleet.FleetReport;
import org.coldwatch.sim.fleet.GatewayCredentials;
import org.coldwatch.sim.fleet.Pace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overload (issue 5): the fleet generator offers three times the server's measured maximum for a minute against a
 * real server process with a small heap. The server slows its acknowledgements instead of dropping anything (its
 * in-flight budget stops it reading), its memory stays under a stated bound, and once the burst is over every
 * reading is stored exactly once, gateway by gateway, counted by sequence numbers.
 */
class OverloadIT {
    private static final Logger LOG = LoggerFactory.getLogger(OverloadIT.class);
    static final int GATEWAYS = 100;
    static final int READINGS_PER_MESSAGE = 50;
    /** docs/benchmarks.md: the server stores about 136,000 readings/s in batches of 50 on this machine. */
    static final double MEASURED_MAXIMUM_READINGS_PER_SECOND = 136_000;
    static final String HEAP = "-Xmx256m";
    /** Heap 256 MB + metaspace, code cache, thread stacks, Netty and SQLite native memory. */
    static final long RSS_BOUND_KB = 640 * 1024;

    @TempDir
    Path dir;

    @Test
    void threeTimesTheMaximumForAMinuteSlowsAcknowledgementsLosesNothingAndStaysInBoundedMemory() throws Exception {
        try (ServerProcess server = ServerProcess.startWithJvmOptions(dir.resolve("server"),
                List.of(HEAP, "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=target/overload-gc.log"))) {
            List<GatewayCredentials> credentials = GatewayCredentials.read(
                    server.provisionFleet("store-overload", "over-", GATEWAYS, dir.resolve("creds.csv")));
            AtomicLong peakRssKb = new AtomicLong();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> peakRssKb.accumulateAndGet(rssKb(server.pid()), Math::max),
                    0, 250, TimeUnit.MILLISECONDS);
            FleetReport report;
            try {
                // WHEN 100 gateways offer 3 x 136,000 readings/s in batches of 50 for 60 s
                report = Fleet.start(FleetOptions.builder(server.mqttUri(), credentials)
                                .sensorsPerGateway(5)
                                .readingsPerMessage(READINGS_PER_MESSAGE)
                                .pace(Pace.totalRate(3 * MEASURED_MAXIMUM_READINGS_PER_SECOND))
                                .duration(Duration.ofSeconds(60))
                                .rampUp(Duration.ofSeconds(2))
                                .drainTimeout(Duration.ofSeconds(90))
                                .progressInterval(Duration.ofSeconds(10))
                                .build(), FleetListener.logging())
                        .finished().get(4, TimeUnit.MINUTES);
            } finally {
                sampler.shutdownNow();
                Files.writeString(Path.of("target", "overload-server.log"), server.log());
            }
            LOG.info("overload: offered {} readings/s, achieved {} readings/s; {} batches sent, {} not sent;"
                            + " publish->PUBACK p50 {} ms p99 {} ms; server peak RSS {} MB; read pauses {}",
                    Math.round(report.rates().offeredReadingsPerSecond()),
                    Math.round(report.rates().achievedReadingsPerSecond()), report.batches().sent(),
                    report.batches().notSent(), report.latencyFromPublish().p50Ms(),
                    report.latencyFromPublish().p99Ms(), peakRssKb.get() / 1024,
                    server.metric("coldwatch_mqtt_read_pauses_total"));

            // THEN the offer was more than the server took: it slowed down (stopped reading at its budget) ...
            assertThat(report.batches().notSent()).as("batches the open-loop schedule could not send").isPositive();
            assertThat(server.metric("coldwatch_mqtt_read_pauses_total")).isGreaterThanOrEqualTo(1.0);
            // ... refused nothing, answered every batch sent, and dropped no connection
            assertThat(report.batches().refused()).isZero();
            assertThat(report.batches().acked()).isEqualTo(report.batches().sent());
            assertThat(report.batches().unackedAtEnd()).isZero();
            assertThat(report.connections().lost()).isZero();
            assertThat(report.connectFailures()).isEmpty();
            // ... stored every reading exactly once, gateway by gateway
            assertTalliesMatch(server, report);
            // ... and stayed alive in bounded memory
            assertThat(server.log()).doesNotContain("OutOfMemoryError");
            assertThat(new JsonObject(server.get("/health")).getString("status")).isEqualTo("UP");
            assertThat(peakRssKb.get()).as("server peak RSS in KB").isPositive().isLessThan(RSS_BOUND_KB);
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("cannot read RSS of {}: {}", pid, e.toString());
        }
        return 0;
    }

    private static void assertTalliesMatch(ServerProcess server, FleetReport report) throws Exception {
        assertThat(report.perGateway()).hasSize(GATEWAYS);
        long readings = 0;
        for (FleetReport.GatewayResult gateway : report.perGateway()) {
            JsonObject tally = new JsonObject(server.get("/api/gateways/" + gateway.gatewayId() + "/tally"));
            assertThat(gateway.batchesSent()).as(gateway.gatewayId() + " sent").isPositive();
            assertThat(tally.getLong("minSeq")).as(gateway.gatewayId() + " minSeq").isEqualTo(1);
            assertThat(tally.getLong("maxSeq")).as(gateway.gatewayId() + " maxSeq").isEqualTo(gateway.lastSeq())
                    .isEqualTo(gateway.batchesSent());
            assertThat(tally.getLong("batches")).as(gateway.gatewayId() + " batches")
                    .isEqualTo(gateway.batchesAcked());
            assertThat(tally.getLong("readings")).as(gateway.gatewayId() + " readings")
                    .isEqualTo(gateway.readingsAcked()).isEqualTo(gateway.batchesAcked() * READINGS_PER_MESSAGE);
            assertThat(tally.getLong("gaps")).as(gateway.gatewayId() + " gaps").isZero();
            readings += tally.getLong("readings");
        }
        assertThat(server.metric("coldwatch_ingest_readings_total{outcome=\"accepted\"}")).isEqualTo(readings);
    }
}
