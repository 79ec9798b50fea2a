package org.coldwatch.gateway.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes a gateway's {@link Credentials} as a small YAML file in the configuration's own shape ({@code gateway.id},
 * {@code gateway.secret}, {@code uplink.serverUri}), which the configuration reader layers over the main file.
 *
 * <p>The file is written atomically (a temporary file in the same folder, flushed to disk, then renamed over the old
 * one), so a power cut leaves either the old or the new credentials, never half. It is created readable by its owner
 * only ({@code rw-------}); given a service user, ownership passes to it so the gateway service can read it.
 */
public final class CredentialsFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private CredentialsFile() {
    }

    /**
     * Writes {@code credentials} to {@code file}.
     *
     * @param owner    the user (and group) to own the file, e.g. {@code coldwatch}; empty keeps the writer's
     * @param provenance one line saying where the credentials came from, written as a comment
     * @throws IOException if the file cannot be written or the owner does not exist
     */
    public static void write(Path file, Credentials credentials, Optional<String> owner, String provenance)
            throws IOException {
        ObjectNode root = YAML.createObjectNode();
        root.putObject("gateway").put("id", credentials.gatewayId()).put("secret", credentials.secret());
        root.putObject("uplink").put("serverUri", credentials.serverUri());
        String text = "# Gateway credentials: keep secret. Written by coldwatch-gateway provision at " + Instant.now()
                + "\n# " + provenance.replace('\n', ' ') + "\n" + YAML.writeValueAsString(root);
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(folder, ".credentials", ".tmp", ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            if (owner.isPresent() && posix) {
                giveTo(temporary, owner.get());
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Checks, before a one-time code is spent, that {@link #write} will succeed: the folder can be created and
     * written, and {@code owner} exists.
     *
     * @throws IOException naming what is wrong
     */
    public static void checkWritable(Path file, Optional<String> owner) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path probe = Files.createTempFile(folder, ".credentials", ".probe");
        try {
            if (owner.isPresent() && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                giveTo(probe, owner.get());
            }
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static void giveTo(Path file, String user) throws IOException {
        UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        try {
            view.setOwner(users.lookupPrincipalByName(user));
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("user '" + user + "' does not exist (is the coldwatch-gateway package installed?)", e);
        }
        try {
            GroupPrincipal group = users.lookupPrincipalByGroupName(user);
            view.setGroup(group);
        } catch (UserPrincipalNotFoundException e) {
            // A user without a same-named group keeps the writer's group; the file is owner-only anyway.
        }
    }
}
