package org.coldwatch.protocol.senml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Compact encoder of both encodings. Numbers are written so that they decode to the same double (RFC 8428 section 6):
 * integral values as integers, others in JSON as the shortest decimal with a lower-case exponent (section 5), in
 * CBOR as a single-precision float when that is exact, else a double. CBOR arrays and maps have definite lengths,
 * as SenML (not SensML) requires (section 6).
 */
final class SenmlWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final CBORFactory CBOR = new CBORFactory();
    /** 2^53: beyond it not every integer is a double, so integral doubles stay doubles. */
    private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992.0;

    private final SenmlFormat format;
    private final JsonGenerator g;

    private SenmlWriter(SenmlFormat format, JsonGenerator generator) {
        this.format = format;
        this.g = generator;
    }

    static byte[] write(SenmlPack pack, SenmlFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator generator = (format == SenmlFormat.JSON ? JSON : CBOR).createGenerator(out)) {
            SenmlWriter writer = new SenmlWriter(format, generator);
            generator.writeStartArray(pack, pack.records().size());
            for (SenmlRecord record : pack.records()) {
                writer.writeRecord(record);
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private void writeRecord(SenmlRecord r) throws IOException {
        g.writeStartObject(r, fieldCount(r));
        writeString(SenmlLabel.BASE_NAME, r.baseName());
        writeNumber(SenmlLabel.BASE_TIME, r.baseTime());
        writeString(SenmlLabel.BASE_UNIT, r.baseUnit());
        writeNumber(SenmlLabel.BASE_VALUE, r.baseValue());
        writeNumber(SenmlLabel.BASE_SUM, r.baseSum());
        if (r.baseVersion() != null) {
            label(SenmlLabel.BASE_VERSION);
            g.writeNumber(r.baseVersion());
        }
        writeString(SenmlLabel.NAME, r.name());
        writeString(SenmlLabel.UNIT, r.unit());
        writeValue(r.value());
        writeNumber(SenmlLabel.SUM, r.sum());
        writeNumber(SenmlLabel.TIME, r.time());
        writeNumber(SenmlLabel.UPDATE_TIME, r.updateTime());
        g.writeEndObject();
    }

    private void writeValue(SenmlValue value) throws IOException {
        if (value instanceof SenmlValue.Numeric numeric) {
            writeNumber(SenmlLabel.VALUE, numeric.value());
        } else if (value instanceof SenmlValue.Text text) {
            writeString(SenmlLabel.STRING_VALUE, text.value());
        } else if (value instanceof SenmlValue.Bool bool) {
            label(SenmlLabel.BOOLEAN_VALUE);
            g.writeBoolean(bool.value());
        } else if (value instanceof SenmlValue.Data data) {
            label(SenmlLabel.DATA_VALUE);
            if (format == SenmlFormat.CBOR) {
                g.writeBinary(data.bytes());
            } else {
                g.writeString(data.base64Url());
            }
        }
    }

    private void writeString(SenmlLabel label, String text) throws IOException {
        if (text != null) {
            label(label);
            g.writeString(text);
        }
    }

    private void writeNumber(SenmlLabel label, Double number) throws IOException {
        if (number == null) {
            return;
        }
        label(label);
        double v = number;
        boolean negativeZero = Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(-0.0);
        if (v == Math.rint(v) && Math.abs(v) <= MAX_EXACT_INTEGER && !negativeZero) {
            g.writeNumber((long) v);
        } else if (format == SenmlFormat.CBOR) {
            if ((double) (float) v == v) {
                g.writeNumber((float) v);
            } else {
                g.writeNumber(v);
            }
        } else {
            g.writeNumber(Double.toString(v).replace('E', 'e'));
        }
    }

    private void label(SenmlLabel label) throws IOException {
        if (format == SenmlFormat.CBOR) {
            ((CBORGenerator) g).writeFieldId(label.cbor);
        } else {
            g.writeFieldName(label.json);
        }
    }

    private static int fieldCount(SenmlRecord r) {
        Object[] fields = {r.baseName(), r.baseTime(), r.baseUnit(), r.baseValue(), r.baseSum(), r.baseVersion(),
            r.name(), r.unit(), r.value(), r.sum(), r.time(), r.updateTime()};
        int count = 0;
        for (Object field : fields) {
            count += field == null ? 0 : 1;
        }
        return count;
    }
}
