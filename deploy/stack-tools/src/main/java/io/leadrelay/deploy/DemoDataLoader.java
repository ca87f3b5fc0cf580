package io.leadrelay.deploy;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;

import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.TopicSerdes;
import io.leadrelay.schemas.catalog.Topics;

/**
 * Writes {@link DemoData} to {@code reference.partners} (key partner id) and {@code reference.companies}
 * (key company domain) with the given serdes ({@code RegistrySerdes} in the local stack).
 */
public final class DemoDataLoader {

    public enum Mode {
        /** Write a topic's records only if the topic is still empty, so edits made through the admin API survive a restart. */
        IF_EMPTY,
        /** Always write (compaction keeps the latest record per key). */
        ALWAYS
    }

    /** Records written per topic; a topic left out because it already had records maps to -1. */
    public record Result(Map<String, Integer> written) {

        public String summary() {
            StringBuilder text = new StringBuilder("demo data:");
            written.forEach((topic, n) -> text.append(' ').append(topic).append(n < 0 ? " kept (not empty)" : " +" + n).append(';'));
            return text.substring(0, text.length() - 1);
        }
    }

    private final Map<String, Object> producerConfig;
    private final TopicSerdes serdes;
    private final Duration timeout;

    /** @param producerConfig at least {@code bootstrap.servers}; serializers are set here */
    public DemoDataLoader(Map<String, Object> producerConfig, TopicSerdes serdes, Duration timeout) {
        this.producerConfig = new HashMap<>(producerConfig);
        this.producerConfig.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        this.producerConfig.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producerConfig.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "leadrelay-demo-data-loader");
        this.serdes = serdes;
        this.timeout = timeout;
    }

    public Result load(Admin admin, List<PartnerProfile> partners, List<CompanyProfile> companies, Mode mode)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Integer> written = new LinkedHashMap<>();
        written.put(Topics.REFERENCE_PARTNERS.name(),
                write(admin, Topics.REFERENCE_PARTNERS, partners, PartnerProfile::getPartnerId, mode));
        written.put(Topics.REFERENCE_COMPANIES.name(),
                write(admin, Topics.REFERENCE_COMPANIES, companies, CompanyProfile::getDomain, mode));
        return new Result(written);
    }

    private <V extends SpecificRecord> int write(Admin admin, Topic<V> topic, List<V> records, Function<V, String> key,
            Mode mode) throws InterruptedException, ExecutionException, TimeoutException {
        if (mode == Mode.IF_EMPTY && hasRecords(admin, topic.name())) {
            return -1;
        }
        Serde<V> valueSerde = topic.valueSerde(serdes);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(producerConfig,
                topic.keySerde().serializer(), valueSerde.serializer())) {
            for (V record : records) {
                producer.send(new ProducerRecord<>(topic.name(), key.apply(record), record));
            }
            producer.flush();
        } finally {
            valueSerde.close();
        }
        return records.size();
    }

    /** Whether any partition of the topic has an end offset above zero. */
    boolean hasRecords(Admin admin, String topic) throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return offsets.values().stream().anyMatch(info -> info.offset() > 0);
    }
}
