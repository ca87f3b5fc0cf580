package io.leadrelay.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.TopicSerdes;

/**
 * Plain Avro binary without a registry, for TopologyTestDriver tests and topology benchmarks where the
 * registry is not what is being tested. Anything that crosses a real broker uses the registry serdes.
 */
public final class PlainAvroSerdes implements TopicSerdes {

    @Override
    public <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic) {
        Class<V> type = topic.valueType();
        var schema = SpecificData.get().getSchema(type);
        SpecificDatumWriter<V> writer = new SpecificDatumWriter<>(schema);
        SpecificDatumReader<V> reader = new SpecificDatumReader<>(schema);
        return Serdes.serdeFrom((t, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                writer.write(value, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }, (t, bytes) -> {
            if (bytes == null) {
                return null;
            }
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            try {
                return reader.read(null, decoder);
            } catch (IOException e) {
                throw new org.apache.kafka.common.errors.SerializationException("not a " + type.getSimpleName(), e);
            }
        });
    }
}
