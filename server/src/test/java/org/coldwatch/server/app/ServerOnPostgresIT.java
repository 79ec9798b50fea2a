package org.coldwatch.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TelemetryCodec;
import org.coldwatch.protocol.Topics;
import org.coldwatch.server.fleet.JdbcFleetRegistry;
import org.coldwatch.server.fleet.MetaDatabase;
import org.coldwatch.server.fleet.MetaDbSettings;
import org.coldwatch.server.fleet.Secrets;
import org.coldwatch.server.fleet.Store;
import org.coldwatch.server.testing.PahoClient;
import org.coldwatch.server.testing.PostgresServer;
import org.coldwatch.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process configured with {@code meta.url} on a real PostgreSQL: it migrates the database at start,
 * redeems a code issued through another connection to that database, and accepts the gateway it provisioned.
 */
class ServerOnPostgresIT {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aServerKeepsItsFleetInPostgresqlWhenMetaUrlSaysSo() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            MetaDbSettings meta = new MetaDbSettings(postgres.newDatabase(), postgres.username(), "");
            try (ServerProcess server = ServerProcess.start(dir, "meta.url=" + meta.url(),
                    "meta.username=" + meta.username())) {
                String code;
                try (JdbcFleetRegistry admin = JdbcFleetRegistry.open(MetaDatabase.of(meta), Clock.systemUTC())) {
                    admin.putStore(new Store("store-wangzhuang", "王庄冷库", "某县/某镇/王庄"));
                    code = admin.issueProvisioningCode("gw-wangzhuang-01", "store-wangzhuang", Duration.ofHours(1),
                            Optional.empty()).code();
                }

                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                                URI.create(server.httpUri() + "/api/provision"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("code", code).encode()))
                        .build(), HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                String secret = new JsonObject(answer.body()).getString("secret");
                try (PahoClient gateway = PahoClient.connect(server.mqttUri(), "gw-wangzhuang-01",
                        "gw-wangzhuang-01", secret)) {
                    byte[] batch = TelemetryCodec.encode(TelemetryBatch.of("gw-wangzhuang-01", 1,
                            List.of(Reading.of("air", ReadingKind.TEMPERATURE, 1.5, Instant.now()))));
                    assertThat(gateway.publish(Topics.telemetry("gw-wangzhuang-01"), batch).reasonCode()).isZero();
                }
                try (JdbcFleetRegistry admin = JdbcFleetRegistry.open(MetaDatabase.of(meta), Clock.systemUTC())) {
                    assertThat(Secrets.matches(secret,
                            admin.gateway("gw-wangzhuang-01").orElseThrow().secretSha256())).isTrue();
                }
                assertThat(Files.exists(dir.resolve("fleet.db"))).as("no SQLite fleet file").isFalse();
            }
        }
    }
}
