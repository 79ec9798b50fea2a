package org.coldwatch.gateway.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClockSync} on Linux with systemd-timesyncd: the clock is synchronised once timesyncd has created
 * {@code /run/systemd/timesync/synchronized} (systemd-timesyncd.service(8), "Files": the file is touched on every
 * successful synchronisation and lives in /run, which a reboot empties). The monotonic clock is
 * {@link System#nanoTime()}, which HotSpot on Linux reads from {@code CLOCK_MONOTONIC}: it counts from boot, so it is
 * comparable across gateway restarts within one boot. The boot is identified by
 * {@code /proc/sys/kernel/random/boot_id} (random(4)).
 *
 * <p>Where timesyncd does not run at all (no {@code /run/systemd/timesync} folder: a developer machine, a container),
 * nothing can tell whether the clock is synchronised; the clock is then taken as synchronised, as before this class
 * existed, and a warning says so once.
 */
public final class TimesyncdClockSync implements ClockSync {
    private static final Logger LOG = LoggerFactory.getLogger(TimesyncdClockSync.class);
    /** Created by systemd-timesyncd after its first successful synchronisation. */
    public static final Path SYNCHRONIZED_FILE = Path.of("/run/systemd/timesync/synchronized");
    /** The kernel's random id of the current boot. */
    public static final Path BOOT_ID_FILE = Path.of("/proc/sys/kernel/random/boot_id");

    private final Path synchronizedFile;
    private final String bootId;
    private final boolean timesyncdPresent;
    private volatile boolean synced;

    /** The standard files above. */
    public TimesyncdClockSync() {
        this(SYNCHRONIZED_FILE, BOOT_ID_FILE);
    }

    TimesyncdClockSync(Path synchronizedFile, Path bootIdFile) {
        this.synchronizedFile = synchronizedFile;
        this.timesyncdPresent = Files.isDirectory(synchronizedFile.getParent());
        this.bootId = readBootId(bootIdFile);
        if (!timesyncdPresent) {
            LOG.warn("clock: {} does not exist (systemd-timesyncd not running); assuming the wall clock is"
                    + " synchronised, readings are not marked unsynced", synchronizedFile.getParent());
        }
    }

    @Override
    public boolean isSynchronized() {
        if (synced || !timesyncdPresent) {
            return true;
        }
        if (Files.exists(synchronizedFile)) {
            synced = true;
            LOG.info("clock: synchronised ({} exists)", synchronizedFile);
        }
        return synced;
    }

    @Override
    public long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public String bootId() {
        return bootId;
    }

    /** The current boot's id, or a random one if it cannot be read. */
    static String currentBootId() {
        return readBootId(BOOT_ID_FILE);
    }

    private static String readBootId(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            String fallback = "unknown-" + UUID.randomUUID();
            LOG.warn("clock: cannot read {} ({}); unsynced readings will not be correctable after a restart", file,
                    e.getMessage());
            return fallback;
        }
    }
}
