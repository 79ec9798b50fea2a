package org.coldwatch.gateway.settings;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.coldwatch.protocol.ProtocolException;
import org.coldwatch.protocol.settings.GatewaySettings;
import org.coldwatch.protocol.settings.GatewaySettingsCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last applied settings on disk ({@code settings.json} next to the outbox), written so that a power cut leaves
 * either the old or the new file: write a temporary file, fsync it, rename it over the old one, fsync the folder.
 */
public final class SettingsFile {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsFile.class);

    private final Path file;

    /** @param file e.g. {@code /var/lib/coldwatch/settings.json} */
    public SettingsFile(Path file) {
        this.file = file;
    }

    /** Where the settings are kept for an outbox at {@code outboxPath}. */
    public static SettingsFile besideOutbox(Path outboxPath) {
        Path dir = outboxPath.toAbsolutePath().getParent();
        return new SettingsFile(dir.resolve("settings.json"));
    }

    /** The file's path. */
    public Path path() {
        return file;
    }

    /**
     * The saved settings; empty if there is no file, or (logged) if it cannot be read or decoded, in which case the
     * gateway runs on its config file until the server sends settings again.
     */
    public Optional<GatewaySettings> load() {
        try {
            return Optional.of(GatewaySettingsCodec.decode(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.error("settings: cannot read {}: {}; running on the config file", file, e.toString());
        } catch (ProtocolException e) {
            LOG.error("settings: {} is not valid ({}); running on the config file", file, e.detail());
        }
        return Optional.empty();
    }

    /**
     * Saves durably.
     *
     * @throws IOException if it cannot be written; the previous file is then intact
     */
    public void save(GatewaySettings settings) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(GatewaySettingsCodec.encode(settings)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("settings: cannot fsync folder {}: {}", dir, e.getMessage());
        }
    }
}
