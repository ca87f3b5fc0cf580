package io.leadrelay.feedback.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topic;

/**
 * The service's former reader, kept as the benchmark's same-run baseline: Apicurio's generic reader (a new
 * {@code GenericDatumReader} per record), then the record written out again and read back through a new resolving
 * {@code SpecificDatumReader} per record.
 */
final class PerRecordReader {

    private PerRecordReader() {
    }

    public static <V extends SpecificRecord> Deserializer<V> deserializer(String registryUrl, Topic<V> topic) {
        Map<String, Object> config = RegistrySerdes.config(registryUrl);
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, "false");
        AvroSerde<GenericRecord> serde = new AvroSerde<>();
        serde.configure(config, false);
        Deserializer<GenericRecord> generic = serde.deserializer();
        SpecificData data = new SpecificData(topic.valueType().getClassLoader());
        // The logical types the generated classes use (timestamps, dates, decimals).
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        Schema readerSchema = data.getSchema(topic.valueType());
        return new Deserializer<>() {
            @Override
            public V deserialize(String topicName, byte[] bytes) {
                GenericRecord record = generic.deserialize(topicName, bytes);
                return record == null ? null : resolve(record, readerSchema, data);
            }

            @Override
            public V deserialize(String topicName, Headers headers, byte[] bytes) {
                GenericRecord record = generic.deserialize(topicName, headers, bytes);
                return record == null ? null : resolve(record, readerSchema, data);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <V> V resolve(GenericRecord record, Schema readerSchema, SpecificData data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return (V) new SpecificDatumReader<>(record.getSchema(), readerSchema, data)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
