package org.coldwatch.protocol.senml;

import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The value of a SenML record: exactly one of a number ({@code v}), a string ({@code vs}), a boolean ({@code vb}) or
 * binary data ({@code vd}) (RFC 8428 section 4.2).
 */
public sealed interface SenmlValue permits SenmlValue.Numeric, SenmlValue.Text, SenmlValue.Bool, SenmlValue.Data {

    /** A number ({@code v}); always finite. */
    record Numeric(double value) implements SenmlValue {
        public Numeric {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(value + " is not a finite number");
            }
        }
    }

    /** A string ({@code vs}). */
    record Text(String value) implements SenmlValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A boolean ({@code vb}). */
    record Bool(boolean value) implements SenmlValue {
    }

    /**
     * Binary data ({@code vd}), held as the JSON form: base64 with the URL-safe alphabet and no padding (RFC 8428
     * section 5, RFC 4648 section 5). CBOR carries the bytes themselves (RFC 8428 section 6). Kept as text so that the
     * record stays an immutable value with a meaningful {@code equals}.
     */
    record Data(String base64Url) implements SenmlValue {
        private static final Pattern BASE64URL_UNPADDED = Pattern.compile("[A-Za-z0-9_-]*");

        public Data {
            Objects.requireNonNull(base64Url, "base64Url");
            if (!isBase64Url(base64Url)) {
                throw new IllegalArgumentException("'" + base64Url + "' is not unpadded base64url");
            }
        }

        /** Data holding {@code bytes}. */
        public static Data of(byte[] bytes) {
            return new Data(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }

        /** The bytes. */
        public byte[] bytes() {
            return Base64.getUrlDecoder().decode(base64Url);
        }

        /** Whether {@code text} is base64url without padding; a length of 1 modulo 4 is never valid. */
        static boolean isBase64Url(String text) {
            return text.length() % 4 != 1 && BASE64URL_UNPADDED.matcher(text).matches();
        }
    }

    /** A number. */
    static SenmlValue of(double value) {
        return new Numeric(value);
    }

    /** A string. */
    static SenmlValue of(String value) {
        return new Text(value);
    }

    /** A boolean. */
    static SenmlValue of(boolean value) {
        return new Bool(value);
    }
}
