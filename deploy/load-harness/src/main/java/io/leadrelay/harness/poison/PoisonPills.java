package io.leadrelay.harness.poison;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.DeadLetterTopic;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Undecodable records written into every topic a Leadrelay service consumes (every topic with a dead-letter topic
 * in the catalog): two of each, one that is not the Confluent wire format at all and one that claims a schema id
 * the registry never issued. {@link #check} then finds each on its dead-letter topic with the error headers.
 */
public final class PoisonPills {

    /** A pill and where it must land. */
    public record Pill(String topic, String deadLetterTopic, String key) {
    }

    /** Whether a pill arrived on its dead-letter topic, and with which headers. */
    public record Outcome(Pill pill, boolean parked, String service, String exception) {

    }

    private static final byte[] NOT_WIRE_FORMAT = "{\"this\": \"is not Avro\"}".getBytes(StandardCharsets.UTF_8);
    /** Magic byte 0 and content id 0x7fffffff: the wire format, pointing to a schema that does not exist. */
    private static final byte[] UNKNOWN_SCHEMA = {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 2, 4, 6};
    /** Header that marks the harness's pills, kept on the dead-letter record with the producer's other headers. */
    public static final String MARKER = "leadrelay-harness-poison";

    private PoisonPills() {
    }

    /** The input topics with a dead-letter topic (the Meta retry topic of ingest is not an input). */
    public static List<Pill> plan(String runTag) {
        List<Pill> pills = new ArrayList<>();
        for (DeadLetterTopic dlq : Topics.deadLetterTopics()) {
            if (dlq.equals(Topics.WEBHOOKS_META_DLQ)) {
                continue;
            }
            String topic = dlq.name().substring(0, dlq.name().length() - ".dlq".length());
            pills.add(new Pill(topic, dlq.name(), "poison-" + runTag + "-" + topic + "-text"));
            pills.add(new Pill(topic, dlq.name(), "poison-" + runTag + "-" + topic + "-schema"));
        }
        return pills;
    }

    public static void inject(String bootstrap, List<Pill> pills) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (Pill pill : pills) {
                byte[] value = pill.key().endsWith("-text") ? NOT_WIRE_FORMAT : UNKNOWN_SCHEMA;
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(pill.topic(), pill.key(), value);
                record.headers().add(MARKER, pill.key().getBytes(StandardCharsets.UTF_8));
                producer.send(record).get(1, TimeUnit.MINUTES);
            }
        }
    }

    /** Reads the dead-letter topics (read_committed) until every pill is there or {@code timeout} is over. */
    public static List<Outcome> check(String bootstrap, List<Pill> pills, Duration timeout) {
        Map<String, Outcome> found = new LinkedHashMap<>();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "leadrelay-harness-poison-check");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String dlq : pills.stream().map(Pill::deadLetterTopic).distinct().toList()) {
                consumer.partitionsFor(dlq, Duration.ofMinutes(1)).forEach(p -> partitions.add(new TopicPartition(dlq, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<String, Pill> byKey = new LinkedHashMap<>();
            pills.forEach(p -> byKey.put(p.key(), p));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < pills.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Pill pill = record.key() == null ? null : byKey.get(record.key());
                    if (pill != null && record.topic().equals(pill.deadLetterTopic())
                            && header(record, DeadLetterHeaders.EXCEPTION) != null
                            && pill.topic().equals(header(record, DeadLetterHeaders.SOURCE_TOPIC))) {
                        found.putIfAbsent(pill.key(), new Outcome(pill, true, header(record, DeadLetterHeaders.SERVICE),
                                header(record, DeadLetterHeaders.EXCEPTION)));
                    }
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Pill pill : pills) {
            outcomes.add(found.getOrDefault(pill.key(), new Outcome(pill, false, null, null)));
        }
        return outcomes;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A fresh tag for a run's pills. */
    public static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
