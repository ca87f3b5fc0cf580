package io.leadrelay.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.TopicSerdes;

/**
 * Reads a topic from the beginning as a downstream system would ({@code read_committed}), collecting what it
 * has seen, so tests wait on conditions (records for their own unique keys) instead of sleeping.
 */
public final class TopicProbe<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

    public static <V extends SpecificRecord> TopicProbe<V> of(String bootstrapServers, Topic<V> topic,
            TopicSerdes serdes) {
        return new TopicProbe<>(bootstrapServers, topic.name(), topic.valueSerde(serdes).deserializer());
    }

    /** The topic's value bytes as they are on the wire, e.g. to decode them as a non-Leadrelay client would. */
    public static TopicProbe<byte[]> raw(String bootstrapServers, String topic) {
        return new TopicProbe<>(bootstrapServers, topic, new ByteArrayDeserializer());
    }

    @SuppressWarnings("unchecked")
    public TopicProbe(String bootstrapServers, Topic<? extends V> topic, TopicSerdes serdes) {
        this(bootstrapServers, topic.name(), (Deserializer<V>) topic.valueSerde(serdes).deserializer());
    }

    private TopicProbe(String bootstrapServers, String topic, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until at least {@code count} records match, and returns all that match so far. */
    public List<ConsumerRecord<String, V>> await(Predicate<ConsumerRecord<String, V>> match, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, V>> matching = seen.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " matching records within " + timeout + ", saw "
                        + matching.size() + " of " + seen.size());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    /** Matching records once nothing new has arrived for {@code quiet}: for asserting that something did not happen. */
    public List<ConsumerRecord<String, V>> settle(Predicate<ConsumerRecord<String, V>> match, Duration quiet) {
        Instant quietSince = Instant.now();
        while (Duration.between(quietSince, Instant.now()).compareTo(quiet) < 0) {
            var records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                records.forEach(seen::add);
                quietSince = Instant.now();
            }
        }
        return seen.stream().filter(match).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
