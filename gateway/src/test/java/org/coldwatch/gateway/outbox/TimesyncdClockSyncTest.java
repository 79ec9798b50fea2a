package org.coldwatch.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimesyncdClockSyncTest {
    @TempDir
    Path dir;

    @Test
    void isSynchronisedOnceTimesyncdHasCreatedItsFlagFile() throws Exception {
        Path timesync = Files.createDirectories(dir.resolve("run/systemd/timesync"));
        Path bootId = Files.writeString(dir.resolve("boot_id"), "0f1e2d3c-aaaa-bbbb-cccc-123456789abc\n");
        TimesyncdClockSync sync = new TimesyncdClockSync(timesync.resolve("synchronized"), bootId);

        assertThat(sync.isSynchronized()).isFalse();
        Files.createFile(timesync.resolve("synchronized"));
        assertThat(sync.isSynchronized()).isTrue();
        assertThat(sync.bootId()).isEqualTo("0f1e2d3c-aaaa-bbbb-cccc-123456789abc");
    }

    @Test
    void withoutTimesyncdTheClockIsTakenAsSynchronised() throws Exception {
        TimesyncdClockSync sync = new TimesyncdClockSync(dir.resolve("no/such/folder/synchronized"),
                dir.resolve("missing-boot-id"));

        assertThat(sync.isSynchronized()).isTrue();
        assertThat(sync.bootId()).startsWith("unknown-");
    }

    @Test
    void monotonicClockNeverGoesBack() {
        TimesyncdClockSync sync = new TimesyncdClockSync();
        long first = sync.monotonicMillis();

        assertThat(sync.monotonicMillis()).isGreaterThanOrEqualTo(first);
    }
}
