package org.coldwatch.protocol.senml;

import org.coldwatch.protocol.senml.SenmlException.Problem;

/**
 * Encodes and decodes SenML packs as {@code application/senml+json} (RFC 8428 section 5) and
 * {@code application/senml+cbor} (section 6).
 *
 * <p>Decoding is strict and streaming: at most {@link SenmlLimits#MAX_PACK_BYTES} bytes, one pass, every field
 * type-checked, a duplicated label, an unknown label ending in '_' or several value fields refused, then the pack
 * rules of {@link SenmlPack}. Unknown labels without the '_' are ignored, as RFC 8428 section 4.4 requires. The first
 * violation found is reported as a {@link SenmlException}.
 */
public final class SenmlCodec {

    private SenmlCodec() {
    }

    /**
     * Decodes and checks a pack.
     *
     * @throws SenmlException with the first violation found
     */
    public static SenmlPack decode(byte[] payload, SenmlFormat format) throws SenmlException {
        return SenmlReader.read(payload, format);
    }

    /**
     * Decodes and checks a pack that arrived with CoAP Content-Format {@code contentFormat}.
     *
     * @throws SenmlException {@link Problem#UNSUPPORTED_CONTENT_FORMAT} for a format other than 110 or 112, else the
     *                        first violation found
     */
    public static SenmlPack decode(byte[] payload, int contentFormat) throws SenmlException {
        SenmlFormat format = SenmlFormat.ofContentFormat(contentFormat).orElseThrow(() -> new SenmlException(
                Problem.UNSUPPORTED_CONTENT_FORMAT, "Content-Format " + contentFormat + " is not SenML; send "
                + SenmlFormat.JSON.contentFormat() + " (" + SenmlFormat.JSON.mediaType() + ") or "
                + SenmlFormat.CBOR.contentFormat() + " (" + SenmlFormat.CBOR.mediaType() + ")"));
        return decode(payload, format);
    }

    /** The pack in {@code format}, compact. */
    public static byte[] encode(SenmlPack pack, SenmlFormat format) {
        return SenmlWriter.write(pack, format);
    }
}
