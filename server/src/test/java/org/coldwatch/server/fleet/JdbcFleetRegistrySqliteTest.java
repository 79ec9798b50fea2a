package org.coldwatch.server.fleet;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The metadata contract on the embedded default: a SQLite file. */
class JdbcFleetRegistrySqliteTest extends FleetRegistryContract {
    @TempDir
    Path dir;

    @Override
    MetaDbSettings newDatabase() {
        return MetaDbSettings.sqlite(dir.resolve("fleet.db"));
    }
}
