package org.coldwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.coldwatch.gateway.config.GatewayConfig;
import org.coldwatch.gateway.outbox.SqliteOutbox;
import org.coldwatch.protocol.Topics;
import org.coldwatch.protocol.testing.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two hooks remote settings and health rely on, against a real Mosquitto 2 broker and its own command-line
 * clients: the retained config message reaches {@link Uplink#onConfig}'s listener after (re)connecting, and
 * {@link Uplink#publishSnapshot} publishes only while connected.
 */
class PahoUplinkSideChannelIT {
    private static final String GW = "gw-side";

    @TempDir
    Path dir;

    private static int port(MosquittoBroker broker) {
        return URI.create(broker.uri()).getPort();
    }

    @Test
    void retainedConfigReachesTheListenerAndSnapshotsGoOutOnlyWhileConnected() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            String settings = "{\"version\":3}";
            Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(port(broker)),
                    "-t", Topics.config(GW), "-q", "1", "-r", "-m", settings).redirectErrorStream(true).start();
            assertThat(pub.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(pub.exitValue()).isZero();
            GatewayConfig config = GatewayConfig.builder(GW, "s").serverUri(broker.uri())
                    .backoffInitialMillis(100).backoffMaxMillis(500).outboxPath(dir.resolve("o.db")).build();
            List<String> received = new CopyOnWriteArrayList<>();
            try (SqliteOutbox outbox = SqliteOutbox.open(config.outbox().path(), GW, 500, Clock.systemUTC());
                 PahoUplink uplink = new PahoUplink(config, outbox, "test")) {
                uplink.onConfig(payload -> received.add(new String(payload, StandardCharsets.UTF_8)));
                assertThat(uplink.publishSnapshot(Topics.Channel.HEALTH, new byte[] {'{', '}'})).isFalse();

                uplink.start();

                await().atMost(Duration.ofSeconds(30)).until(() -> received.contains(settings));
                Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p",
                        String.valueOf(port(broker)), "-t", Topics.health(GW), "-C", "1", "-W", "30").start();
                byte[] report = "{\"health\":1}".getBytes(StandardCharsets.UTF_8);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    uplink.publishSnapshot(Topics.Channel.HEALTH, report);
                    return !sub.isAlive();
                });
                assertThat(new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim())
                        .isEqualTo("{\"health\":1}");

                uplink.dropConnectionUncleanly();
                await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
                assertThat(received).containsOnly(settings);
            }
        }
    }
}
