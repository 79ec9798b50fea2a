package org.coldwatch.server.storage;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.coldwatch.server.testing.InfluxProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
}
