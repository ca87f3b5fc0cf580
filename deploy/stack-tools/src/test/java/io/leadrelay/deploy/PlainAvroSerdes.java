package io.leadrelay.deploy;

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
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.TopicSerdes;

/** Plain Avro binary without a registry, for tests that need real bytes on a real broker. */
final class PlainAvroSerdes implements TopicSerdes {

    @Override
    public <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic) {
        SpecificData model = SpecificData.getForClass(topic.valueType());
        Schema schema = model.getSchema(topic.valueType());
        Serializer<V> serializer = (t, value) -> value == null ? null : encode(value, schema, model);
        Deserializer<V> deserializer = (t, bytes) -> bytes == null ? null : decode(bytes, schema, model);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static <V extends SpecificRecord> byte[] encode(V value, Schema schema, SpecificData model) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<V>(schema, model).write(value, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <V extends SpecificRecord> V decode(byte[] bytes, Schema schema, SpecificData model) {
        try {
            return new SpecificDatumReader<V>(schema, schema, model).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
