package org.coldwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.protocol.GatewayStatus;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink against a real Mosquitto 2 broker, with a Paho subscriber standing in for the server. */
class PahoUplinkIT {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private GatewayConfig config(String gatewayId, MosquittoBroker broker, int maxReadingsPerBatch) {
        return GatewayConfig.builder(gatewayId, "it-secret")
                .serverUri(broker.uri())
                .keepAliveSeconds(5)
                .backoffInitialMillis(100)
                .backoffMaxMillis(1_000)
                .maxReadingsPerBatch(maxReadingsPerBatch)
                .outboxPath(dir.resolve(gatewayId + ".db"))
                .build();
    }

    private static List<Reading> readings(int count, int first) {
        List<Reading> list = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            list.add(Reading.of("room-" + (i % 4), ReadingKind.TEMPERATURE, 1.0 + (i % 50) * 0.1,
                    T0.plusSeconds(i)));
        }
        return list;
    }

    private static Set<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().collect(Collectors.toSet());
    }

    @Test
    void deliversEveryReadingAndEmptiesTheOutbox() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TelemetryRecorder recorder = TelemetryRecorder.subscribe(broker.uri(), "gw-it-1")) {
            Gateway gateway = Gateway.start(config("gw-it-1", broker, 500), List.of(), CLOCK);
            try {
                gateway.outbox().append(readings(2_000, 0));

                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(gateway.outboxDepth()).as("outbox depth").isZero();
                    assertThat(recorder.distinctReadings()).as("readings received").isEqualTo(2_000);
                });
                assertThat(recorder.seqs()).isEqualTo(oneTo(4));
                assertThat(recorder.undecodable()).isZero();
                await().atMost(PATIENCE).until(() -> gateway.uplinkStats().acknowledged() == 4);
                assertThat(gateway.uplinkStats().quarantined()).isZero();
                assertThat(gateway.quarantinedCount()).isZero();
                assertThat(TelemetryRecorder.retainedStatus(broker.uri(), "gw-it-1"))
                        .isEqualTo(GatewayStatus.online(Gateway.softwareVersion()));
            } finally {
                gateway.close();
            }

            assertThat(TelemetryRecorder.retainedStatus(broker.uri(), "gw-it-1")).isEqualTo(GatewayStatus.offline());
        }
    }

    @Test
    void keepsBatchesThatReachedABrokerWithNoServerSubscribedAndSendsThemOnceOneIs() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             Gateway gateway = Gateway.start(config("gw-it-unrouted", broker, 100), List.of(), CLOCK)) {
            // GIVEN a broker that answers every publish with 0x10 "no matching subscribers" (and drops it)
            gateway.outbox().append(readings(1_000, 0));

            // WHEN the gateway has published into the void, and was sent back to reconnect
            await().atMost(PATIENCE).until(() -> gateway.uplinkStats().published() >= 10
                    && gateway.uplinkStats().reconnects() >= 1);

            // THEN nothing was taken as acknowledged: every reading is still in the outbox
            assertThat(gateway.uplinkStats().acknowledged()).isZero();
            assertThat(gateway.outboxDepth()).isEqualTo(1_000);

            // ... and once a server subscribes, all of them arrive and the outbox empties
            try (TelemetryRecorder recorder = TelemetryRecorder.subscribe(broker.uri(), "gw-it-unrouted")) {
                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(gateway.outboxDepth()).as("outbox depth").isZero();
                    assertThat(recorder.seqs()).isEqualTo(oneTo(10));
                });
                assertThat(recorder.distinctReadings()).isEqualTo(1_000);
                assertThat(gateway.uplinkStats().quarantined()).isZero();
            }
        }
    }

    @Test
    void reconnectsAfterBrokerRestartAndResendsWhatWasNotAcknowledged() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TelemetryRecorder recorder = TelemetryRecorder.subscribe(broker.uri(), "gw-it-2");
             Gateway gateway = Gateway.start(config("gw-it-2", broker, 10), List.of(), CLOCK)) {

            gateway.outbox().append(readings(5_000, 0));
            await().atMost(PATIENCE).until(() -> recorder.seqs().size() >= 50);

            broker.stop();
            await().atMost(PATIENCE).until(() -> !gateway.uplinkStats().connected());
            gateway.outbox().append(readings(500, 5_000));
            broker.restart();

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(gateway.outboxDepth()).as("outbox depth").isZero();
                assertThat(recorder.distinctReadings()).as("readings received; deliveries %d, seqs %s, broker log %s",
                        recorder.deliveries(), recorder.seqs(), broker.log()).isEqualTo(5_500);
            });
            assertThat(recorder.seqs()).isEqualTo(oneTo(550));
            assertThat(gateway.uplinkStats().reconnects()).isGreaterThanOrEqualTo(1);
            assertThat(gateway.uplinkStats().connected()).isTrue();
            assertThat(gateway.quarantinedCount()).isZero();
        }
    }

    @Test
    void brokerAnnouncesOfflineThroughTheWillWhenTheConnectionDropsAndGatewayComesBack() throws Exception {
        GatewayConfig config;
        try (MosquittoBroker broker = MosquittoBroker.start();
             TelemetryRecorder recorder = TelemetryRecorder.subscribe(broker.uri(), "gw-it-3")) {
            config = config("gw-it-3", broker, 500);
            try (SqliteOutbox outbox = SqliteOutbox.open(config.outbox().path(), "gw-it-3", 500, CLOCK);
                 PahoUplink uplink = new PahoUplink(config, outbox, "it-1")) {
                uplink.start();
                await().atMost(PATIENCE).until(() -> uplink.stats().connected());

                uplink.dropConnectionUncleanly();

                await().atMost(PATIENCE).until(() -> uplink.stats().connected() && uplink.stats().reconnects() == 1);
                await().atMost(PATIENCE).until(() -> recorder.statuses().size() >= 3);
                assertThat(recorder.statuses()).containsExactly(GatewayStatus.online("it-1"),
                        GatewayStatus.offline(), GatewayStatus.online("it-1"));

                outbox.append(readings(10, 0));
                await().atMost(PATIENCE).until(() -> outbox.depth() == 0);
                assertThat(recorder.seqs()).containsExactly(1L);
            }
        }
    }

    @Test
    void quarantinesBatchesTheBrokerRefuses() throws Exception {
        String acl = """
                user gw-it-4
                topic write coldwatch/v1/gw/gw-it-4/status
                topic read coldwatch/v1/gw/gw-it-4/config
                """;
        try (MosquittoBroker broker = MosquittoBroker.start(acl)) {
            GatewayConfig config = config("gw-it-4", broker, 10);
            try (SqliteOutbox outbox = SqliteOutbox.open(config.outbox().path(), "gw-it-4", 10, CLOCK);
                 PahoUplink uplink = new PahoUplink(config, outbox, "it-1")) {
                uplink.start();
                outbox.append(readings(30, 0));

                await().atMost(PATIENCE).until(() -> outbox.quarantinedCount() == 3);
                assertThat(outbox.depth()).isZero();
                assertThat(outbox.nextToSend(10)).isEmpty();
                assertThat(uplink.stats().quarantined()).isEqualTo(3);
                assertThat(uplink.stats().acknowledged()).isZero();
            }
        }
    }
}
