package io.leadrelay.feedback.support;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.leadrelay.schemas.catalog.SpecificReader;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.TopicSerdes;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.TopicProbe;

/** The test's own view of the real broker and registry the service runs against. */
public final class TestKafka {

    private static KafkaProducer<String, byte[]> producer;

    private TestKafka() {
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static String registryUrl() {
        return ConfigProvider.getConfig().getValue("leadrelay.registry.url", String.class);
    }

    /** Registry serdes whose reading side resolves into the generated classes of this class loader. */
    public static TopicSerdes serdes() {
        RegistrySerdes registry = new RegistrySerdes(registryUrl());
        return new TopicSerdes() {
            @Override
            public <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic) {
                return Serdes.serdeFrom(registry.valueSerde(topic).serializer(), deserializer(topic));
            }
        };
    }

    public static <V extends SpecificRecord> Deserializer<V> deserializer(Topic<V> topic) {
        return SpecificReader.deserializer(registryUrl(), topic);
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Writes a record as another service would, and waits for the broker's acknowledgement. */
    public static <V extends SpecificRecord> void write(Topic<V> topic, String key, V value, String partnerHeader) {
        byte[] bytes = value == null ? null : topic.valueSerde(serdes()).serializer().serialize(topic.name(), value);
        writeBytes(topic.name(), key, bytes, partnerHeader);
    }

    public static void writeBytes(String topic, String key, byte[] value, String partnerHeader) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (partnerHeader != null) {
            record.headers().add(Topics.PARTNER_ID_HEADER, partnerHeader.getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static <V extends SpecificRecord> TopicProbe<V> probe(Topic<V> topic) {
        return new TopicProbe<>(bootstrap(), topic, serdes());
    }

    /** Sum of end offsets per topic: proof that nothing was written when it does not move. */
    public static Map<String, Long> endOffsets(List<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        Map<String, Long> result = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (String topic : topics) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                result.put(topic, consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum());
            }
        }
        return result;
    }
}
