package io.leadrelay.schemas.catalog;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;

/**
 * Avro serdes backed by Apicurio Registry, writing the Confluent wire format (magic byte 0 and a
 * 4-byte content id, no id headers) so Confluent clients elsewhere can read every topic. Values are read into
 * their generated classes by {@link SpecificReader}.
 */
public final class RegistrySerdes implements TopicSerdes {

    private final Map<String, Object> config;

    /** @param registryUrl the native v3 API, e.g. {@code http://127.0.0.1:8088/apis/registry/v3} */
    public RegistrySerdes(String registryUrl) {
        this.config = config(registryUrl);
    }

    /** The serde settings every Leadrelay producer and consumer uses. */
    public static Map<String, Object> config(String registryUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaResolverConfig.REGISTRY_URL, registryUrl);
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, "true");
        config.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName());
        config.put(SerdeConfig.USE_ID, "contentId");
        config.put("apicurio.registry.headers.enabled", "false");
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, "true");
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaIdentityDatumProvider.class.getName());
        config.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, "true");
        return config;
    }

    @Override
    public <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic) {
        AvroKafkaSerializer<V> serializer = new AvroKafkaSerializer<>();
        serializer.configure(config, false);
        return Serdes.serdeFrom(serializer, SpecificReader.deserializer(config, topic.valueType()));
    }
}
