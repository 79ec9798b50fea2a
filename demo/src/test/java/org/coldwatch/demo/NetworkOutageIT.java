package org.coldwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.coldwatch.gateway.app.Gateway;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.sensor.SensorException;
import org.coldwatch.gateway.sensor.SensorSource;
import org.coldwatch.protocol.Reading;
import org.coldwatch.server.testing.ServerProcess;
import org.coldwatch.sim.network.LinkProxy;
import org.coldwatch.sim.scenario.LiveSimulation;
import org.coldwatch.sim.scenario.Scenario;
import org.coldwatch.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario's network outage, played on a real uplink: a real gateway reads a firmware-sim room in real time and
 * sends through a cuttable link ({@link LinkProxy}) that follows the scenario's {@code network-outage} event; the
 * server is a real process. While the link is down nothing arrives and the outbox grows; after it returns every
 * reading arrives exactly once, counted by sequence numbers.
 */
class NetworkOutageIT {
    static final String SCENARIO = """
            title: a short outage
            duration: PT10M
            lots: [{id: apples, commodity: apple, massKg: 3000}]
            sensors:
              - {id: air, type: sht3x}
              - {id: scale, type: hx711, lots: [apples], tareKg: 200, clockPin: 5, dataPin: 6}
              - {id: door, type: door-contact, pin: 17}
            events:
              - {at: PT8S, type: network-outage, for: PT12S}
            """;

    @TempDir
    Path dir;

    /** Counts what the room hands the gateway, and stops handing anything once told. */
    static final class CountingSource implements SensorSource {
        final SensorSource room;
        final AtomicLong readings = new AtomicLong();
        final AtomicBoolean stopped = new AtomicBoolean();

        CountingSource(SensorSource room) {
            this.room = room;
        }

        @Override
        public String name() {
            return room.name();
        }

        @Override
        public List<Reading> read(Instant now) throws SensorException {
            if (stopped.get()) {
                return List.of();
            }
            List<Reading> batch = room.read(now);
            readings.addAndGet(batch.size());
            return batch;
        }
    }

    @Test
    void readingsTakenDuringTheOutageArriveExactlyOnceWhenTheLinkReturns() throws Exception {
        Scenario scenario = ScenarioLoader.parse("short-outage", SCENARIO.getBytes(StandardCharsets.UTF_8));
        LiveSimulation room = LiveSimulation.realTime(scenario, Clock.systemUTC());
        ServerProcess server = ServerProcess.start(dir.resolve("server"));
        String secret = server.register("store-outage", "gw-outage");
        ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor();
        try (LinkProxy link = LinkProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                server.mqttPort()))) {
            follower.scheduleAtFixedRate(() -> link.follow(room.inspect(s -> s.networkUp())), 0, 100,
                    TimeUnit.MILLISECONDS);
            GatewayConfig config = GatewayConfig.builder("gw-outage", secret)
                    .serverUri("tcp://127.0.0.1:" + link.port())
                    .outboxPath(dir.resolve("outbox.db"))
                    .samplingIntervalMillis(250)
                    .backoffInitialMillis(200)
                    .backoffMaxMillis(1_000)
                    .build();
            CountingSource source = new CountingSource(new SimulatedRoomSource("short-outage", room));
            try (Gateway gateway = Gateway.start(config, List.of(source), Clock.systemUTC())) {
                // GIVEN readings flowing, WHEN the scenario's outage cuts the link
                await().atMost(Duration.ofSeconds(20)).until(() -> !link.up());
                long storedAtCut = tally(server).getLong("readings");
                // THEN nothing arrives while it is down, and the gateway keeps what it reads
                await().atMost(Duration.ofSeconds(10)).until(() -> gateway.outboxDepth() >= 40);
                assertThat(tally(server).getLong("readings")).isEqualTo(storedAtCut);
                assertThat(link.up()).isFalse();

                // WHEN the link returns, THEN the backlog drains and every reading is there once
                await().atMost(Duration.ofSeconds(20)).until(link::up);
                source.stopped.set(true);
                await().atMost(Duration.ofSeconds(60)).until(() -> gateway.outboxDepth() == 0
                        && tally(server).getLong("readings") == source.readings.get());
                JsonObject tally = tally(server);
                assertThat(tally.getLong("minSeq")).isEqualTo(1);
                assertThat(tally.getLong("gaps")).isZero();
                assertThat(tally.getLong("batches")).isEqualTo(tally.getLong("maxSeq"));
                assertThat(gateway.uplinkStats().reconnects()).isPositive();
                assertThat(gateway.quarantinedCount()).isZero();
            }
        } finally {
            follower.shutdownNow();
            server.close();
        }
    }

    private static JsonObject tally(ServerProcess server) throws Exception {
        return new JsonObject(server.get("/api/gateways/gw-outage/tally"));
    }
}
