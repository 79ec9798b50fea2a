package org.coldwatch.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.coldwatch.server.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the metadata costs on SQLite and on PostgreSQL (fsync on for both), in the same run: registering a fleet in
 * one transaction ({@code add-gateways}), looking gateways up (every MQTT CONNECT does), and redeeming provisioning
 * codes (one transaction each). Not run by default (the name matches neither *Test nor *IT); see
 * docs/benchmarks.md, "Metadata database", for the command. Asserts only that the work was done; the figures go to
 * the log. System properties: {@code bench.gateways} (default 10,000), {@code bench.lookups} (default 50,000),
 * {@code bench.codes} (default 300).
 */
class MetaDatabaseBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(MetaDatabaseBenchmark.class);

    @TempDir
    Path dir;

    @Test
    void sqliteAndPostgresqlSideBySide() throws Exception {
        measure(MetaDbSettings.sqlite(dir.resolve("fleet.db")));
        try (PostgresServer postgres = PostgresServer.start(true)) {
            measure(new MetaDbSettings(postgres.newDatabase(), postgres.username(), ""));
        }
    }

    private static void measure(MetaDbSettings settings) throws Exception {
        int gateways = Integer.getInteger("bench.gateways", 10_000);
        int lookups = Integer.getInteger("bench.lookups", 50_000);
        int codes = Integer.getInteger("bench.codes", 300);
        MetaDatabase database = MetaDatabase.of(settings);
        try (JdbcFleetRegistry fleet = JdbcFleetRegistry.open(database, Clock.systemUTC())) {
            fleet.putStore(new Store("store-bench", "压测冷库", "测试县"));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < gateways; i++) {
                ids.add(String.format("fleet-%05d", i));
            }

            long start = System.nanoTime();
            fleet.registerGateways(ids, "store-bench");
            double registerMs = (System.nanoTime() - start) / 1e6;

            Random random = new Random(1);
            int found = 0;
            start = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                found += fleet.gateway(ids.get(random.nextInt(gateways))).isPresent() ? 1 : 0;
            }
            double lookupsPerS = lookups / ((System.nanoTime() - start) / 1e9);

            List<String> issued = new ArrayList<>();
            for (int i = 0; i < codes; i++) {
                issued.add(fleet.issueProvisioningCode("prov-" + i, "store-bench", Duration.ofHours(1),
                        Optional.empty()).code());
            }
            start = System.nanoTime();
            for (String code : issued) {
                fleet.redeemProvisioningCode(code, "127.0.0.1");
            }
            double redeemsPerS = codes / ((System.nanoTime() - start) / 1e9);

            assertThat(found).isEqualTo(lookups);
            assertThat(fleet.gateways()).hasSize(gateways + codes);
            LOG.info("bench: vendor={} register {} gateways in one transaction: {} ms; lookups: {}/s;"
                    + " redeem (one transaction each): {}/s", settings.vendor(), gateways, Math.round(registerMs),
                    Math.round(lookupsPerS), Math.round(redeemsPerS));
        }
    }
}
