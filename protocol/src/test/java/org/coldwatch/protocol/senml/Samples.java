package org.coldwatch.protocol.senml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The files under {@code src/test/resources/senml/}: RFC 8428's own examples and ColdWatch's golden node packs. */
final class Samples {

    private Samples() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/senml/" + name)) {
            assertThat(in).as("sample %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code .hex} sample (a hex dump as printed in the RFC, whitespace ignored) as bytes. */
    static byte[] hex(String name) {
        return HexFormat.of().parseHex(new String(bytes(name), StandardCharsets.US_ASCII).replaceAll("\\s", ""));
    }

    static SenmlPack json(String name) throws SenmlException {
        return SenmlCodec.decode(bytes(name), SenmlFormat.JSON);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
