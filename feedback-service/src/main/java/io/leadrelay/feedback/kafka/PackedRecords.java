package io.leadrelay.feedback.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import io.leadrelay.schemas.catalog.SpecificReader;

/**
 * Records of one generated class kept as plain Avro binary (no registry, the class's own schema): a view that holds
 * many records it seldom reads stores a fifth of the heap the decoded objects need. Not thread-safe.
 */
public final class PackedRecords<V extends SpecificRecord> {

    private final SpecificDatumWriter<V> writer;
    private final SpecificDatumReader<V> reader;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private BinaryEncoder encoder;

    public PackedRecords(Class<V> type) {
        SpecificData data = SpecificReader.dataOf(type);
        Schema schema = data.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, data);
        this.reader = new SpecificDatumReader<>(schema, schema, data);
    }

    public byte[] pack(V record) {
        buffer.reset();
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    public V unpack(byte[] packed) {
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(packed, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
