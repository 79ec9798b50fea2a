package org.coldwatch.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TimeQuality;
import org.coldwatch.server.testing.InfluxProcess;
import org.junit.jupiter.api.AfterAll;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading-store contract on InfluxDB 1.6.7 started for this class; each test writes its own database. */
class InfluxReadingStoreIT extends ReadingStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path influxDir;
    static InfluxProcess influx;

    private final String database = "contract_" + DATABASES.incrementAndGet();

    @BeforeAll
    static void startInflux() throws Exception {
        influx = InfluxProcess.start(influxDir);
    }

    @AfterAll
    static void stopInflux() {
        if (influx != null) {
            influx.stop();
        }
    }

    @Override
    ReadingStore openStore() {
        return InfluxReadingStore.open(InfluxSettings.of(influx.url(), database));
    }

    @Test
    void keepsEachReadingsTimeQualityAsAFieldOnlyWhenTheClockWasNotSynchronised() throws Exception {
        store(TelemetryBatch.of("gw-1", 1, List.of(
                Reading.of("air", ReadingKind.TEMPERATURE, 2.0, T0),
                Reading.of("air", ReadingKind.TEMPERATURE, 2.1, T0.plusSeconds(60))
                        .withTimeQuality(TimeQuality.CORRECTED),
                Reading.of("air", ReadingKind.TEMPERATURE, 2.2, Instant.ofEpochMilli(5_000))
                        .withTimeQuality(TimeQuality.UNSYNCED))));

        List<Object> qualities = new ArrayList<>();
        try (InfluxDB client = InfluxDBFactory.connect(influx.url().toString())) {
            QueryResult result = client.query(new Query("SELECT value, time_quality FROM reading", database));
            for (List<Object> row : result.getResults().get(0).getSeries().get(0).getValues()) {
                qualities.add(row.get(2));
            }
        }
        assertThat(qualities).containsExactly("unsynced", null, "corrected");
    }

    @Test
    void copiesSpreadOverManyPipelinedGroupsAreStoredOnceAndAcknowledgedAfterTheOriginal() throws Exception {
        store.close();
        store = InfluxReadingStore.open(new InfluxSettings(influx.url(), database, Optional.empty(),
                Optional.empty(), 6));
        List<Future<StoreOutcome>> outcomes = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            for (long seq = 1; seq <= 100; seq++) {
                outcomes.add(store.store(new ReceivedBatch(batch("gw-1", seq, 1.0, T0.plusSeconds(seq)), T0)));
            }
        }
        List<StoreOutcome> results = new ArrayList<>();
        for (Future<StoreOutcome> f : outcomes) {
            results.add(await(f));
        }

        assertThat(results.subList(0, 100)).containsOnly(StoreOutcome.STORED);
        assertThat(results.subList(100, 300)).containsOnly(StoreOutcome.DUPLICATE);
        assertThat(store.tally("gw-1")).isEqualTo(new GatewayTally(100, 200, 1, 100));
        assertThat(store.recent("gw-1", Optional.empty(), 1_000)).hasSize(200);
    }
}
