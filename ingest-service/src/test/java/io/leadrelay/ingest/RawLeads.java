package io.leadrelay.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.ConfluentWireReader;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.EmbeddedRegistry;

/**
 * Reads {@code leads.raw} as an outside system with a Confluent client would: magic byte 0, the registry's schema
 * id, the writer schema from the registry's Confluent API. (Apicurio's specific-record deserializer cannot be used
 * inside a Quarkus test: it resolves the generated class through another class loader than Avro's.)
 */
public final class RawLeads implements AutoCloseable {

    /** One record as read: key and decoded value. */
    public record Raw(String key, GenericRecord value) {
        /** A nested field by dotted path, e.g. {@code profile.contact.email}, as a string (null if absent). */
        public String get(String path) {
            Object current = value;
            for (String part : path.split("\\.")) {
                if (!(current instanceof GenericRecord record) || record.getSchema().getField(part) == null) {
                    return null;
                }
                current = record.get(part);
            }
            return current == null ? null : current.toString();
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final ConfluentWireReader wire = new ConfluentWireReader(EmbeddedRegistry.shared().confluentUrl());
    private final List<Raw> seen = new ArrayList<>();

    private RawLeads(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.LEADS_RAW.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public static RawLeads shared() {
        return new RawLeads(EmbeddedKafka.shared().bootstrapServers());
    }

    public static RawLeads on(String bootstrapServers) {
        return new RawLeads(bootstrapServers);
    }

    public List<Raw> await(Predicate<Raw> match, int count) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            List<Raw> matching = seen.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " matching records on leads.raw, saw " + matching.size());
            }
            poll();
        }
    }

    /** Matching records once nothing new arrived for two seconds. */
    public List<Raw> settle(Predicate<Raw> match) {
        Instant quietSince = Instant.now();
        while (Duration.between(quietSince, Instant.now()).toMillis() < 2_000) {
            if (poll() > 0) {
                quietSince = Instant.now();
            }
        }
        return seen.stream().filter(match).toList();
    }

    public Raw one(String leadId) {
        return await(r -> leadId.equals(r.key()), 1).get(0);
    }

    /** How many records {@code leads.raw} holds for a lead id once nothing new arrives. */
    public int count(String leadId) {
        return settle(r -> leadId.equals(r.key())).size();
    }

    private int poll() {
        var records = consumer.poll(Duration.ofMillis(200));
        records.forEach(r -> seen.add(new Raw(r.key(), wire.read(r.value()))));
        return records.count();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
