package org.coldwatch.server.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.coldwatch.server.storage.ReadingStore;
import org.coldwatch.server.storage.RollupSink;
import org.coldwatch.server.storage.SqliteReadingStore;
import org.coldwatch.server.storage.StoreOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollup contract on the embedded SQLite store, and what is SQLite's own: rollups share its transaction. */
class SqliteRollupsTest extends RollupsContract {

    @TempDir
    Path dir;

    @Override
    ReadingStore openStore(String name, RollupSettings settings) throws Exception {
        return SqliteReadingStore.open(dir.resolve(name + ".db"), new SqliteRollups(settings));
    }

    @Override
    RollupQueries openQueries(String name, RollupSettings settings) throws Exception {
        return SqliteRollupQueries.open(dir.resolve(name + ".db"));
    }

    @Test
    void aFailedCommitRollsBackTheRollupsWithTheReadingsAndTheRetryCountsThemOnce() throws Exception {
        Path file = dir.resolve("rollback.db");
        SqliteRollups real = new SqliteRollups(SETTINGS);
        AtomicInteger calls = new AtomicInteger();
        RollupSink failingOnce = (tx, stored) -> {
            real.stored(tx, stored); // rollup rows written in the transaction ...
            if (calls.incrementAndGet() == 1) {
                throw new SQLException("disk I/O error (simulated)"); // ... and rolled back with the readings
            }
        };
        Instant at = local("2026-12-03T10:00:00");
        try (SqliteReadingStore store = SqliteReadingStore.open(file, failingOnce)) {
            assertThat(await(store.store(batch(1, at, 2.0)))).isEqualTo(StoreOutcome.STORED);
            assertThat(store.tally(GATEWAY).readings()).isEqualTo(1);
        }
        assertThat(calls).hasValue(2);
        try (SqliteRollupQueries queries = SqliteRollupQueries.open(file)) {
            for (Resolution resolution : Resolution.values()) {
                assertThat(queries.rollups(GATEWAY, Optional.empty(), Optional.empty(), resolution, Instant.EPOCH,
                        at.plusSeconds(86_400), 10)).as(resolution.label()).singleElement()
                        .extracting(r -> r.stats().count()).isEqualTo(1L);
            }
        }
    }
}
