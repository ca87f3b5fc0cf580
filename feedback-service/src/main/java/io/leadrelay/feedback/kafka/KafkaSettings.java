package io.leadrelay.feedback.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadrelay.feedback.config.FeedbackConfig;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.SpecificReader;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.TopicSerdes;

/** Client settings shared by the service's producer and readers. */
@ApplicationScoped
public class KafkaSettings {

    private final String bootstrapServers;
    private final String registryUrl;
    private final TopicSerdes serdes;

    KafkaSettings(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, FeedbackConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = config.registry().url();
        this.serdes = new RegistrySerdes(registryUrl);
    }

    public TopicSerdes serdes() {
        return serdes;
    }

    /** The topic's value serde (for writing). */
    public <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic) {
        return topic.valueSerde(serdes);
    }

    /** A reader of the topic's values into its generated classes; see {@link SpecificReader}. */
    public <V extends SpecificRecord> Deserializer<V> valueDeserializer(Topic<V> topic) {
        return SpecificReader.deserializer(registryUrl, topic);
    }

    public Map<String, Object> producer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "feedback-service-" + UUID.randomUUID());
        return props;
    }

    /** Per-partition and per-fetch read sizes of the topic readers: small, so a replay stays within a small heap. */
    static final int FOLLOWER_PARTITION_FETCH_BYTES = 256 * 1024;
    static final int FOLLOWER_FETCH_BYTES = 2 * 1024 * 1024;

    /** A reader of whole topics: no group, every instance sees every partition. */
    public Map<String, Object> follower() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Every instance replays whole topics when it starts; at the client defaults (1 MB per partition, 50 MB per
        // fetch) its half a dozen readers buffer tens of MB at once, which ran a 128 MB heap out of memory mid-replay.
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FOLLOWER_PARTITION_FETCH_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FOLLOWER_FETCH_BYTES);
        return props;
    }

    /** A member of a consumer group that commits what it has finished. */
    public Map<String, Object> groupMember(String groupId) {
        Map<String, Object> props = follower();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // A killed member holds its partitions until its session expires; 10 s instead of Kafka 4's 45 s.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return props;
    }
}
