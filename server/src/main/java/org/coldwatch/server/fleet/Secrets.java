package org.coldwatch.server.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Gateway secrets: issued by the server as 256-bit random tokens, stored only as their SHA-256.
 *
 * <p>Why a fast hash: slow password hashes (bcrypt, PBKDF2) protect low-entropy human passwords against guessing.
 * A 256-bit random token cannot be guessed, so SHA-256 gives the same protection for a stolen database while keeping
 * a reconnect storm of thousands of gateways cheap.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A new secret: 32 random bytes, URL-safe base64 without padding (43 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a secret. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether {@code presented} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matches(String presented, String storedHash) {
        byte[] a = hash(presented).getBytes(StandardCharsets.US_ASCII);
        byte[] b = storedHash.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(a, b);
    }
}
