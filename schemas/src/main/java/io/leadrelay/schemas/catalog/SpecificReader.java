package io.leadrelay.schemas.catalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import io.apicurio.registry.serde.avro.AvroDatumProvider;
import io.apicurio.registry.serde.avro.AvroDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;

/**
 * Reads registry-encoded values straight into their generated classes, with one resolving reader per writer
 * schema. Apicurio resolves the writer schema by the record's content id (cached); the reader schema is the
 * generated class's, resolved with a {@code SpecificData} of the class's own loader (Avro's global one can
 * find the classes in another class loader, as it does on Kafka Streams threads and under the Quarkus test class
 * loader). Apicurio's own provider builds that resolving reader, and the writer schema's parsing fingerprint it
 * is cached by, for every record: 8–10 % of each stream service's CPU under load.
 */
public final class SpecificReader {

    private SpecificReader() {
    }

    public static <V extends SpecificRecord> Deserializer<V> deserializer(String registryUrl, Topic<V> topic) {
        return deserializer(RegistrySerdes.config(registryUrl), topic.valueType());
    }

    /** A configured value deserializer for {@code type} with the given registry serde settings. */
    static <V extends SpecificRecord> Deserializer<V> deserializer(Map<String, Object> config, Class<V> type) {
        Deserializer<V> deserializer = new ResolvingDeserializer<>(new CachedReaders<>(type));
        deserializer.configure(config, false);
        return deserializer;
    }

    /** Avro's model of the generated classes, with their own class loader and the logical types they use. */
    public static SpecificData dataOf(Class<?> type) {
        SpecificData data = new SpecificData(type.getClassLoader());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        return data;
    }

    /** Apicurio's deserializer (wire format, schema lookup by id) with the readers below instead of its own. */
    private static final class ResolvingDeserializer<V> extends AvroKafkaDeserializer<V> {

        private final CachedReaders<V> readers;

        ResolvingDeserializer(CachedReaders<V> readers) {
            this.readers = readers;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            super.configure(configs, isKey);
            // After configure, which installs the provider named in the configuration.
            ((AvroDeserializer<V>) delegatedDeserializer).setAvroDatumProvider(readers);
        }
    }

    /** Resolving readers from a writer schema to one generated class, built once per writer schema. */
    static final class CachedReaders<V> implements AvroDatumProvider<V> {

        /** Writer schemas are a handful of registered versions; a bound guards against a registry gone wrong. */
        static final int MAX_WRITER_SCHEMAS = 256;

        private final SpecificData data;
        private final Schema readerSchema;
        private final Map<Schema, DatumReader<V>> readers = new ConcurrentHashMap<>();

        CachedReaders(Class<?> type) {
            this.data = dataOf(type);
            this.readerSchema = data.getSchema(type);
        }

        @Override
        public DatumReader<V> createDatumReader(Schema writerSchema) {
            DatumReader<V> reader = readers.get(writerSchema);
            if (reader == null) {
                reader = new SpecificDatumReader<>(writerSchema, readerSchema, data);
                if (readers.size() < MAX_WRITER_SCHEMAS) {
                    readers.putIfAbsent(writerSchema, reader);
                }
            }
            return reader;
        }

        @Override
        public DatumWriter<V> createDatumWriter(V data, Schema schema) {
            throw new UnsupportedOperationException("a reader only");
        }

        @Override
        public Schema toSchema(V data) {
            throw new UnsupportedOperationException("a reader only");
        }
    }
}
