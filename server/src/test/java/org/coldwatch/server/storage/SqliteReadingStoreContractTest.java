package org.coldwatch.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coldwatch.protocol.ReadingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reading-store contract on the embedded SQLite store, in a temporary folder, plus what only the SQLite store
 * shows: duplicates recognised inside one group commit, the group's newest reading as latest, and health going
 * down once closed.
 */
class SqliteReadingStoreContractTest extends ReadingStoreContract {
    @TempDir
    Path dir;

    @Override
    ReadingStore openStore() throws Exception {
        return SqliteReadingStore.open(dir.resolve("readings.db"));
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
    void latestOfAGroupIsItsNewestReadingTheLaterOfEqualTimesAndNeverADuplicatesValue() throws Exception {
        // GIVEN batches submitted together (so committed in one group or a few), out of time order
        List<Future<StoreOutcome>> outcomes = new ArrayList<>();
        for (long seq = 1; seq <= 300; seq++) {
            Instant at = T0.plusSeconds(seq % 100 == 0 ? 1_000 : seq % 97);
            outcomes.add(store.store(new ReceivedBatch(batch("gw-1", seq, seq / 10.0, at), T0)));
        }
        // ... a copy of seq 300 (newest time) with another value, which must not count
        outcomes.add(store.store(new ReceivedBatch(batch("gw-1", 300, 99.0, T0.plusSeconds(2_000)), T0)));
        for (Future<StoreOutcome> f : outcomes) {
            await(f);
        }

        // THEN latest holds, of the three readings at T0+1000 s (seqs 100, 200, 300), the last one received
        assertThat(store.latest(List.of("gw-1")))
                .filteredOn(r -> r.kind() == ReadingKind.TEMPERATURE)
                .extracting(r -> r.value() + "@" + r.measuredAt())
                .containsExactly("30.0@" + T0.plusSeconds(1_000));
    }

    @Test
    void healthIsDownOnceClosed() {
        store.close();

        assertThat(store.store(new ReceivedBatch(batch("gw-1", 1, 1.0, T0), T0)).failed()).isTrue();
        assertThat(store.health().up()).isFalse();
    }
}
