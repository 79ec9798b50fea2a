package org.coldwatch.server.fleet;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One-time provisioning codes as a technician reads them off a phone and types them on a gateway's console:
 * 12 characters of Crockford's Base32 (https://www.crockford.com/base32.html) in three groups, e.g.
 * {@code 7KQM-2XPD-9TAE}, carrying 60 random bits.
 *
 * <p>Crockford's alphabet leaves out I, L, O and U, and reading a code back maps the look-alikes (I and L to 1, O to
 * 0) and ignores case, spaces and dashes, so a mistyped look-alike still works. 60 bits cannot be guessed within a
 * code's lifetime (days) at the rate the HTTP endpoint allows (see {@code ProvisioningThrottle}). Pure: no I/O.
 */
public final class ProvisioningCode {
    /** Crockford's Base32 alphabet: digits and letters without I, L, O, U. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** Characters in a code, without the dashes. */
    public static final int LENGTH = 12;
    private static final int GROUP = 4;
    private static final RandomGenerator RANDOM = new SecureRandom();

    private ProvisioningCode() {
    }

    /** A new random code in its display form, {@code XXXX-XXXX-XXXX}. */
    public static String generate() {
        return generate(RANDOM);
    }

    /** A code drawn from {@code random} (tests pass a seeded generator). */
    static String generate(RandomGenerator random) {
        StringBuilder code = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % GROUP == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The canonical form of what someone typed: upper case, without spaces and dashes, look-alikes mapped.
     *
     * @return empty if the text cannot be a code (wrong length or a character outside the alphabet)
     */
    public static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            char mapped = switch (c) {
                case ' ', '-' -> 0;
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (mapped == 0) {
                continue;
            }
            if (ALPHABET.indexOf(mapped) < 0 || canonical.length() == LENGTH) {
                return Optional.empty();
            }
            canonical.append(mapped);
        }
        return canonical.length() == LENGTH ? Optional.of(canonical.toString()) : Optional.empty();
    }

    /** The stored form of a code: SHA-256 of its canonical form, so a leaked database reveals no usable code. */
    public static String hash(String canonical) {
        return Secrets.hash(canonical);
    }
}
