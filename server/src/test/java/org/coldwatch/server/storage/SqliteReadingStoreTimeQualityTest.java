package org.coldwatch.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.coldwatch.protocol.TimeQuality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteReadingStoreTimeQualityTest {
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;

    private static StoreOutcome store(SqliteReadingStore store, TelemetryBatch batch) throws Exception {
        return store.store(new ReceivedBatch(batch, T0)).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void storesEachReadingsTimeQualityWithSyncedAsNull() throws Exception {
        try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("readings.db"))) {
            store(store, TelemetryBatch.of("gw-1", 1, List.of(
                    Reading.of("air", ReadingKind.TEMPERATURE, 2.0, T0),
                    Reading.of("air", ReadingKind.TEMPERATURE, 2.1, T0.plusSeconds(60))
                            .withTimeQuality(TimeQuality.CORRECTED),
                    Reading.of("air", ReadingKind.TEMPERATURE, 2.2, Instant.ofEpochMilli(5_000))
                            .withTimeQuality(TimeQuality.UNSYNCED))));
        }

        List<String> qualities = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("readings.db"));
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT time_quality FROM reading ORDER BY idx")) {
            while (rs.next()) {
                qualities.add(rs.getString(1));
            }
        }
        assertThat(qualities).containsExactly(null, "corrected", "unsynced");
    }

    @Test
    void deduplicatesBatchesArrivingInAnyOrderAsALiveLaneSendsThem() throws Exception {
        try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("readings.db"))) {
            TelemetryBatch live = TelemetryBatch.of("gw-1", 5,
                    List.of(Reading.of("air", ReadingKind.HUMIDITY, 90, T0)));
            TelemetryBatch backlog = TelemetryBatch.of("gw-1", 3,
                    List.of(Reading.of("air", ReadingKind.HUMIDITY, 91, T0.minusSeconds(3600))));

            assertThat(store(store, live)).isEqualTo(StoreOutcome.STORED);
            assertThat(store(store, backlog)).isEqualTo(StoreOutcome.STORED);
            assertThat(store(store, live)).isEqualTo(StoreOutcome.DUPLICATE);
            assertThat(store(store, backlog)).isEqualTo(StoreOutcome.DUPLICATE);

            assertThat(store.tally("gw-1")).isEqualTo(new GatewayTally(2, 2, 3, 5));
        }
    }
}
