package org.coldwatch.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.server.fleet.MetaDbSettings;
import org.coldwatch.server.ingest.EndpointLimits;
import org.coldwatch.server.ingest.MqttIngestServer;
import org.coldwatch.server.ingest.MqttTls;
import org.coldwatch.server.ingest.limits.GatewayRateLimiter;
import org.coldwatch.server.rollups.RollupSettings;
import org.coldwatch.server.rollups.TargetRange;
import org.coldwatch.server.storage.InfluxSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    @Test
    void loadsTheShippedSampleConfig() {
        ServerConfig config = ServerConfig.load(Path.of("../deploy/server/server.yaml"), Map.of(), List.of());

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.mqttPort()).isEqualTo(1883);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/coldwatch-server"));
        assertThat(config.maxBehind()).isEqualTo(Duration.ofDays(180));
        assertThat(config.rollups()).isEqualTo(RollupSettings.defaults());
    }

    @Test
    void defaultsApplyWithoutAFile() {
        ServerConfig config = ServerConfig.load(null, Map.of(), List.of());

        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.mqttReceiveMaximum()).isEqualTo(100);
        assertThat(config.maxAhead()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.rollups()).isEqualTo(RollupSettings.defaults());
    }

    @Test
    void readsRollupSettingsAndRefusesBadOnesNamingTheKey() {
        ServerConfig config = ServerConfig.load(null, Map.of("COLDWATCH_ROLLUPS_ZONE", "Europe/Berlin"),
                List.of("rollups.temperatureMaxCelsius=8.5", "rollups.maxIntervalSeconds=30"));
        assertThat(config.rollups().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(config.rollups().maxInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.rollups().target(ReadingKind.TEMPERATURE)).contains(new TargetRange(0.0, 8.5));

        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("rollups.zone=Mars/Olympus")))
                .hasMessage("rollups.zone: 'Mars/Olympus' is not a time zone id such as Asia/Shanghai");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("rollups.humidityMinPercent=97")))
                .hasMessage("rollups.humidityMinPercent: 97.0 is above rollups.humidityMaxPercent (95.0)");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("rollups.temperatureMinCelsius=cold")))
                .hasMessage("rollups.temperatureMinCelsius: 'cold' is not a number");
    }

    @Test
    void environmentOverridesTheFileAndSetOverridesTheEnvironment() {
        ServerConfig config = ServerConfig.load(Path.of("../deploy/server/server.yaml"),
                Map.of("COLDWATCH_HTTP_PORT", "9090", "COLDWATCH_MQTT_RECEIVE_MAXIMUM", "50"),
                List.of("http.port=9191"));

        assertThat(config.httpPort()).isEqualTo(9191);
        assertThat(config.mqttReceiveMaximum()).isEqualTo(50);
    }

    @Test
    void refusesAnUnknownKeyNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("server.yaml"), "http:\n  prot: 8080\n");

        assertThatThrownBy(() -> ServerConfig.load(file, Map.of(), List.of()))
                .isInstanceOf(ServerConfig.ConfigException.class)
                .hasMessageStartingWith("http.prot (from " + file + "): unknown key");
    }

    @Test
    void refusesAnInvalidValueNamingTheKey() {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("mqtt.port=70000")))
                .hasMessage("mqtt.port: 70000 is outside 0…65535");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("COLDWATCH_HTTP_PORT", "eighty"), List.of()))
                .hasMessage("http.port: 'eighty' is not a whole number");
    }

    @Test
    void theMetadataIsTheSqliteFileInTheDataFolderUnlessAUrlIsGiven() {
        ServerConfig embedded = ServerConfig.load(null, Map.of(), List.of("storage.dataDir=/srv/cw"));
        ServerConfig postgres = ServerConfig.load(null, Map.of("COLDWATCH_META_PASSWORD", "s3cret"),
                List.of("meta.url=jdbc:postgresql://db.county:5432/coldwatch", "meta.username=coldwatch"));

        assertThat(embedded.meta().url()).isEqualTo("jdbc:sqlite:" + Path.of("/srv/cw").resolve("fleet.db"));
        assertThat(embedded.meta().vendor()).isEqualTo(MetaDbSettings.Vendor.SQLITE);
        assertThat(postgres.meta().vendor()).isEqualTo(MetaDbSettings.Vendor.POSTGRESQL);
        assertThat(postgres.meta().username()).isEqualTo("coldwatch");
        assertThat(postgres.meta().password()).isEqualTo("s3cret");
        assertThat(postgres.meta().toString()).doesNotContain("s3cret");
        assertThat(new MetaDbSettings("jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true", "", "").toString())
                .doesNotContain("s3cret").contains("ssl=true");
    }

    @Test
    void refusesAMetadataUrlOfAnotherDatabaseAndCredentialsForSqlite() {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("meta.url=jdbc:mysql://h/db")))
                .hasMessageStartingWith("meta.url: 'jdbc:mysql://h/db' is neither jdbc:sqlite:FILE nor");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("meta.url=jdbc:postgresql:")))
                .hasMessageStartingWith("meta.url: ");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("meta.username=coldwatch")))
                .hasMessageStartingWith("meta.username: only used with a jdbc:postgresql: meta.url");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("COLDWATCH_META_PASSWORD", "x"),
                List.of("meta.url=jdbc:sqlite:/tmp/f.db")))
                .hasMessageStartingWith("meta.password: only used with a jdbc:postgresql: meta.url");
    }

    @Test
    void storesReadingsInTheEmbeddedSqliteFileUnlessInfluxIsChosen() {
        assertThat(ServerConfig.load(null, Map.of(), List.of()).influx()).isEmpty();
        assertThat(ServerConfig.load(Path.of("../deploy/server/server.yaml"), Map.of(), List.of()).influx())
                .isEmpty();
    }

    @Test
    void readsTheInfluxSettingsWithThePasswordFromTheEnvironment() {
        ServerConfig config = ServerConfig.load(null, Map.of("COLDWATCH_STORAGE_INFLUX_PASSWORD", "s3cret"),
                List.of("storage.kind=influx", "storage.influx.url=http://10.0.0.5:8086",
                        "storage.influx.database=county_7", "storage.influx.username=coldwatch",
                        "storage.influx.batchPoints=2000"));

        InfluxSettings influx = config.influx().orElseThrow();
        assertThat(influx.url()).isEqualTo(URI.create("http://10.0.0.5:8086"));
        assertThat(influx.database()).isEqualTo("county_7");
        assertThat(influx.username()).contains("coldwatch");
        assertThat(influx.password()).contains("s3cret");
        assertThat(influx.batchPoints()).isEqualTo(2000);
        assertThat(ServerConfig.load(null, Map.of(), List.of("storage.kind=influx")).influx().orElseThrow())
                .isEqualTo(InfluxSettings.of(URI.create("http://127.0.0.1:8086"), "coldwatch"));
    }

    @Test
    void refusesInvalidStorageSettingsNamingTheKey() {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("storage.kind=mysql")))
                .hasMessage("storage.kind: 'mysql' is not one of sqlite, influx");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(),
                List.of("storage.kind=influx", "storage.influx.url=tcp://127.0.0.1:8086")))
                .hasMessage("storage.influx.url: 'tcp://127.0.0.1:8086' must be http(s)://host[:port]");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(),
                List.of("storage.kind=influx", "storage.influx.url=127.0.0.1:8086")))
                .hasMessageStartingWith("storage.influx.url: '127.0.0.1:8086' is not a URL");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(),
                List.of("storage.kind=influx", "storage.influx.database=cold watch")))
                .hasMessageStartingWith("storage.influx.database: 'cold watch' must be");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(),
                List.of("storage.kind=influx", "storage.influx.password=x")))
                .hasMessage("storage.influx.password: set, but storage.influx.username is empty");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(),
                List.of("storage.kind=influx", "storage.influx.batchPoints=10")))
                .hasMessage("storage.influx.batchPoints: 10 is outside 1000…100000");
    }

    @Test
    void readsTheEndpointLimitsAndTls(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");
        MqttIngestServer.Settings mqtt = ServerConfig.load(null,
                Map.of("COLDWATCH_MQTT_RATE_LIMIT_READINGS_PER_SECOND", "1234"),
                List.of("mqtt.tls.certFile=" + cert, "mqtt.tls.keyFile=" + key, "mqtt.tls.port=18883",
                        "mqtt.plain.enabled=false", "mqtt.maxConnections=7", "mqtt.maxPayloadBytes=4096",
                        "mqtt.maxInflightBytes=2097152")).mqtt();

        assertThat(mqtt.plainEnabled()).isFalse();
        assertThat(mqtt.tls()).contains(new MqttTls(cert, key, 18883));
        assertThat(mqtt.limits()).isEqualTo(new EndpointLimits(7,
                new GatewayRateLimiter.Rates(500, 1234, 10), 4096, 2_097_152, 300));
        assertThat(ServerConfig.load(null, Map.of(), List.of()).mqtt().limits().maxInflightBytes())
                .isEqualTo(Runtime.getRuntime().maxMemory() / 16);
    }

    @Test
    void refusesInvalidEndpointSettingsNamingTheKey(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("mqtt.tls.certFile=" + cert)))
                .hasMessage("mqtt.tls.keyFile: TLS needs both mqtt.tls.certFile and mqtt.tls.keyFile (PEM files)");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(),
                List.of("mqtt.tls.certFile=" + cert, "mqtt.tls.keyFile=" + dir.resolve("missing.pem"))))
                .hasMessageStartingWith("mqtt.tls.keyFile: '").hasMessageEndingWith("is not a readable file");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("mqtt.plain.enabled=false")))
                .hasMessageStartingWith("mqtt.plain.enabled: false, but no TLS listener is configured");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("mqtt.plain.enabled=yes")))
                .hasMessage("mqtt.plain.enabled: 'yes' is neither true nor false");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("mqtt.maxInflightBytes=1000")))
                .hasMessageStartingWith("mqtt.maxInflightBytes: 1000 is below 1048576");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("mqtt.maxPayloadBytes=300000")))
                .hasMessage("mqtt.maxPayloadBytes: 300000 is outside 1024…262144");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of(), List.of("mqtt.rateLimit.burstSeconds=0")))
                .hasMessage("mqtt.rateLimit.burstSeconds: 0 is outside 1…3600");
    }
}
