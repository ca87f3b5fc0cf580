package io.leadrelay.routing.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.leadrelay.schemas.catalog.RegistrySerdes;

/**
 * Registry-backed Avro reading into this application's specific classes. The registry deserializer reads a generic
 * record with the writer's schema; it is then resolved against the reader class with a SpecificData bound to the
 * application's class loader. (The registry's own specific mode resolves classes through a loader that, on Kafka
 * Streams threads under Quarkus, is not the application's, and fails with a ClassCastException.)
 */
public final class SpecificAvroDeserializer<V extends SpecificRecord> implements Deserializer<V> {

    private final AvroKafkaDeserializer<GenericRecord> generic = new AvroKafkaDeserializer<>();
    private final Schema readerSchema;
    private final SpecificData specificData;
    private final Map<Schema, SpecificDatumReader<V>> readers = new HashMap<>();

    public SpecificAvroDeserializer(String registryUrl, Class<V> type) {
        Map<String, Object> config = new HashMap<>(RegistrySerdes.config(registryUrl));
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, "false");
        generic.configure(config, false);
        // the class's own model: bound to its class loader, with its logical-type conversions (decimal, dates)
        this.specificData = SpecificData.getForClass(type);
        this.readerSchema = specificData.getSchema(type);
    }

    @Override
    public V deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public V deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        GenericRecord record = headers == null ? generic.deserialize(topic, data)
                : generic.deserialize(topic, headers, data);
        if (record == null) {
            return null;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            SpecificDatumReader<V> reader = readers.computeIfAbsent(record.getSchema(),
                    writer -> new SpecificDatumReader<>(writer, readerSchema, specificData));
            return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + readerSchema.getFullName() + " from " + topic, e);
        }
    }

    @Override
    public void close() {
        generic.close();
    }
}
