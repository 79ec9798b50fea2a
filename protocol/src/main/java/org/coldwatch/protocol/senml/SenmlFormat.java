package org.coldwatch.protocol.senml;

import java.util.Optional;

/**
 * The two SenML encodings a ColdWatch gateway accepts, with their media types and CoAP Content-Format numbers
 * (RFC 8428 section 12.5, Table 8).
 */
public enum SenmlFormat {
    /** {@code application/senml+json}, CoAP Content-Format 110 (RFC 8428 sections 5 and 12.5). */
    JSON("application/senml+json", 110),
    /** {@code application/senml+cbor}, CoAP Content-Format 112 (RFC 8428 sections 6 and 12.5). */
    CBOR("application/senml+cbor", 112);

    private final String mediaType;
    private final int contentFormat;

    SenmlFormat(String mediaType, int contentFormat) {
        this.mediaType = mediaType;
        this.contentFormat = contentFormat;
    }

    /** The media type, e.g. {@code application/senml+json}. */
    public String mediaType() {
        return mediaType;
    }

    /** The CoAP Content-Format number, e.g. 110. */
    public int contentFormat() {
        return contentFormat;
    }

    /** The format with this CoAP Content-Format number; empty for any other number (including SensML's 111/113). */
    public static Optional<SenmlFormat> ofContentFormat(int contentFormat) {
        for (SenmlFormat format : values()) {
            if (format.contentFormat == contentFormat) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
