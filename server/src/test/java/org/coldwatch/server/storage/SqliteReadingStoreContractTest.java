package org.coldwatch.server.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The reading-store contract on the embedded SQLite store, in a temporary folder. */
class SqliteReadingStoreContractTest extends ReadingStoreContract {
    @TempDir
    Path dir;

    @Override
    ReadingStore openStore() throws Exception {
        return SqliteReadingStore.open(dir.resolve("readings.db"));
    }
}
