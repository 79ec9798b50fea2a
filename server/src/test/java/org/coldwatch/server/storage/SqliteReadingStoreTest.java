package org.coldwatch.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.TelemetryBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the SQLite store shows; the behaviour every store shares is in {@link ReadingStoreContract}
 * ({@code SqliteReadingStoreContractTest}).
 */
class SqliteReadingStoreTest {
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;
    SqliteReadingStore store;

    @BeforeEach
    void open() throws Exception {
        store = SqliteReadingStore.open(dir.resolve("readings.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static TelemetryBatch batch(String gateway, long seq, double value, Instant at) {
        return TelemetryBatch.of(gateway, seq, List.of(
                Reading.of("air", ReadingKind.TEMPERATURE, value, at),
                Reading.of("air", ReadingKind.HUMIDITY, 90.0, at)));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void recognisesDuplicatesCommittedInTheSameGroup() throws Exception {
        List<Future<StoreOutcome>> outcomes = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            for (long seq = 1; seq <= 200; seq++) {
                outcomes.add(store.store(new ReceivedBatch(batch("gw-1", seq, 1.0, T0), T0)));
            }
        }
        List<StoreOutcome> results = new ArrayList<>();
        for (Future<StoreOutcome> f : outcomes) {
            results.add(await(f));
        }

        assertThat(results).filteredOn(o -> o == StoreOutcome.STORED).hasSize(200);
        assertThat(results).filteredOn(o -> o == StoreOutcome.DUPLICATE).hasSize(400);
        GatewayTally tally = store.tally("gw-1");
        assertThat(tally).isEqualTo(new GatewayTally(200, 400, 1, 200));
        assertThat(tally.gaps()).isZero();
    }

    @Test
    void refusesWritesAfterClosing() {
        store.close();

        assertThat(store.store(new ReceivedBatch(batch("gw-1", 1, 1.0, T0), T0)).failed()).isTrue();
        assertThat(store.health().up()).isFalse();
    }
}
