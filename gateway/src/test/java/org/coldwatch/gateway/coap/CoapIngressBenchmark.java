package org.coldwatch.gateway.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.coldwatch.gateway.config.CoapNode;
import org.coldwatch.gateway.config.CoapSettings;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.gateway.sensor.ReadingIntake;
import org.coldwatch.protocol.senml.SenmlCodec;
import org.coldwatch.protocol.senml.SenmlFormat;
import org.coldwatch.protocol.senml.SenmlPack;
import org.coldwatch.protocol.senml.SenmlRecord;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many SenML POSTs per second the node ingress takes into a SQLite outbox (synchronous commits, one per pack).
 * Not run by default (the name matches neither *Test nor *IT); see docs/benchmarks.md, "CoAP node ingress", for the
 * command. Asserts only that every pack was accepted and stored; the figures go to the log.
 *
 * <p>System properties: {@code bench.nodes} (concurrent nodes, default 8), {@code bench.packs} (packs per node,
 * default 500), {@code bench.dtls} (true for coaps, default false).
 */
class CoapIngressBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(CoapIngressBenchmark.class);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    private static final String KEY = "benchmark-node-secret";

    @TempDir
    Path dir;

    @Test
    void postsPerSecondIntoTheOutbox() throws Exception {
        int nodes = Integer.getInteger("bench.nodes", 8);
        int packs = Integer.getInteger("bench.packs", 500);
        boolean dtls = Boolean.getBoolean("bench.dtls");
        List<CoapNode> known = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            known.add(dtls ? CoapNode.of("bench-" + n).withPsk(KEY) : CoapNode.of("bench-" + n));
        }
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("outbox.db"), "gw-bench", 500, CLOCK);
             CaliforniumNodeServer server = CaliforniumNodeServer.start(CoapSettings.loopback(
                     known.toArray(CoapNode[]::new)), new ReadingIntake(outbox), CLOCK)) {
            ExecutorService pool = Executors.newFixedThreadPool(nodes);
            long[][] latencies = new long[nodes][];
            long start = System.nanoTime();
            List<Future<long[]>> runs = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                String id = "bench-" + n;
                runs.add(pool.submit(() -> run(server, id, packs, dtls)));
            }
            for (int n = 0; n < nodes; n++) {
                latencies[n] = runs.get(n).get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            long total = (long) nodes * packs;
            assertThat(server.stats().acceptedPacks()).isEqualTo(total);
            assertThat(outbox.depth()).isEqualTo(total * 4);
            assertThat(server.stats().resentReadings()).isZero();
            LOG.info("bench: coap{} nodes={} packs={} readings={} seconds={} packs/s={} readings/s={}"
                    + " latency ms p50={} p99={} max={}", dtls ? "s" : "", nodes, total, total * 4,
                    String.format("%.2f", seconds), Math.round(total / seconds), Math.round(total * 4 / seconds),
                    ms(all, 0.50), ms(all, 0.99), ms(all, 1.0));
        }
    }

    private static long[] run(CaliforniumNodeServer server, String id, int packs, boolean dtls) throws Exception {
        long[] latencies = new long[packs];
        try (CoapTestNode node = dtls
                ? CoapTestNode.dtls(server.dtlsAddress().orElseThrow(), id, KEY.getBytes())
                : CoapTestNode.plain(server.plainAddress().orElseThrow())) {
            for (int i = 0; i < packs; i++) {
                // A node with a clock, one round per second up to "now": every pack distinct, none a resend.
                double roundTime = CLOCK.instant().getEpochSecond() - packs + i;
                byte[] payload = SenmlCodec.encode(SenmlPack.of(
                        SenmlRecord.numeric("temperature", 2.0 + i % 10 * 0.1, "Cel").withBaseName(id + "/")
                                .withBaseTime(roundTime),
                        SenmlRecord.numeric("humidity", 90.0, "%RH"),
                        SenmlRecord.numeric("weight", 812.5, "kg"),
                        SenmlRecord.bool("door", false),
                        SenmlRecord.numeric("battery", 2.97, "V")), SenmlFormat.CBOR);
                long begin = System.nanoTime();
                CoapResponse response = node.post(payload, SenmlFormat.CBOR.contentFormat());
                latencies[i] = System.nanoTime() - begin;
                assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
            }
        }
        return latencies;
    }

    private static String ms(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return String.format("%.1f", sorted[Math.max(0, index)] / 1e6);
    }
}
