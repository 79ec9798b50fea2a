package org.coldwatch.protocol;

import java.util.regex.Pattern;

/** The explicit limits of wire contract version 1. Changing one is a contract change (see docs/protocol.md). */
public final class Limits {
    /** Largest payload a receiver accepts, in bytes (256 KiB). */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** Most readings in one telemetry batch. */
    public static final int MAX_READINGS_PER_BATCH = 1_000;
    /** Gateway and sensor ids: 1–64 characters of letters, digits, '.', '_' and '-', starting with a letter or digit. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Largest status message a receiver accepts, in bytes. */
    public static final int MAX_STATUS_BYTES = 1_024;

    private Limits() {
    }

    /** Whether {@code id} is a valid gateway or sensor id. */
    public static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.length() > 64 || !isLetterOrDigit(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true; // the same rule as ID_PATTERN, without a regex match per reading
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
