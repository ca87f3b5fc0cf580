package io.leadrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.catalog.Topics;

/** Topic creation and demo-data loading against a real (in-JVM, KRaft) broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackToolsKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaClusterTestKit cluster;
    private Admin admin;

    @BeforeAll
    void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterAll
    void stopBroker() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void createsEveryCatalogTopicOnceWithItsLayout() throws Exception {
        List<TopicSpec> catalog = TopicSpec.catalog();
        TopicCreator creator = new TopicCreator(admin, Optional.empty(), TIMEOUT);

        TopicCreator.Result first = creator.ensure(catalog);
        assertThat(first.warnings()).isEmpty();
        assertThat(union(first.created(), first.existing())).containsExactlyInAnyOrderElementsOf(names(catalog));

        Set<String> present = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        assertThat(present).containsAll(names(catalog))
                .contains("leads.raw", "leads.lifecycle", "reference.partners", "reference.companies",
                        "leads.raw.dlq", "reference.companies.dlq", "webhooks.meta.dlq");

        Map<String, TopicDescription> described = admin.describeTopics(names(catalog)).allTopicNames().get(30, TimeUnit.SECONDS);
        for (TopicSpec spec : catalog) {
            assertThat(described.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            assertThat(cleanupPolicy(spec.name())).as(spec.name())
                    .isEqualTo(spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        }
        assertThat(described.get("leads.raw").partitions()).hasSize(Topics.LEAD_PARTITIONS);
        assertThat(cleanupPolicy("reference.partners")).isEqualTo("compact");
        assertThat(cleanupPolicy("reference.companies")).isEqualTo("compact");
        assertThat(cleanupPolicy("leads.raw.dlq")).isEqualTo("delete");

        // Again: nothing to do, nothing fails.
        TopicCreator.Result second = creator.ensure(catalog);
        assertThat(second.created()).isEmpty();
        assertThat(second.existing()).containsExactlyElementsOf(names(catalog));
        assertThat(second.warnings()).isEmpty();
        assertThat(second.summary()).isEqualTo("topics: 0 created, " + catalog.size() + " already there");
    }

    @Test
    void reportsExistingTopicsThatDifferFromTheCatalog() throws Exception {
        admin.createTopics(List.of(new NewTopic("test.drifted", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        TopicCreator.Result result = new TopicCreator(admin, Optional.of((short) 1), TIMEOUT)
                .ensure(List.of(new TopicSpec("test.drifted", 4, true), new TopicSpec("test.fresh", 3, false)));

        assertThat(result.created()).containsExactly("test.fresh");
        assertThat(result.existing()).containsExactly("test.drifted");
        assertThat(result.warnings()).containsExactlyInAnyOrder(
                "test.drifted has 2 partitions, the catalog says 4",
                "test.drifted has cleanup.policy=delete, the catalog says compact");
        // Reported, not changed.
        assertThat(admin.describeTopics(List.of("test.drifted")).allTopicNames().get(30, TimeUnit.SECONDS)
                .get("test.drifted").partitions()).hasSize(2);
    }

    @Test
    void loadsDemoDataOnceIntoEmptyReferenceTopics() throws Exception {
        new TopicCreator(admin, Optional.empty(), TIMEOUT).ensure(TopicSpec.catalog());
        Instant now = Instant.parse("2026-11-27T09:30:00Z");
        List<PartnerProfile> partners = DemoData.partners(now);
        List<CompanyProfile> companies = DemoData.companies(120, DemoData.DEFAULT_SEED, now);
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        DemoDataLoader loader = new DemoDataLoader(producer, new PlainAvroSerdes(), TIMEOUT);

        DemoDataLoader.Result first = loader.load(admin, partners, companies, DemoDataLoader.Mode.IF_EMPTY);
        assertThat(first.written()).containsExactly(Map.entry("reference.partners", partners.size()),
                Map.entry("reference.companies", 120));

        DemoDataLoader.Result second = loader.load(admin, partners, companies, DemoDataLoader.Mode.IF_EMPTY);
        assertThat(second.written()).containsOnly(Map.entry("reference.partners", -1), Map.entry("reference.companies", -1));
        assertThat(second.summary()).contains("kept (not empty)");

        Map<String, CompanyProfile> read = readAll(Topics.REFERENCE_COMPANIES.name(), CompanyProfile.class, 120);
        assertThat(read).hasSize(120);
        assertThat(read.get("example-gmbh.de")).isEqualTo(companies.get(0));
        assertThat(read.get("example-gmbh.de").getAnnualRevenue().getAmount()).isEqualByComparingTo("42000000");

        Map<String, PartnerProfile> readPartners = readAll(Topics.REFERENCE_PARTNERS.name(), PartnerProfile.class, partners.size());
        assertThat(readPartners.get("p-muc-01").getName()).isEqualTo("Muster Systemhaus München");
    }

    private <V extends org.apache.avro.specific.SpecificRecord> Map<String, V> readAll(String topic, Class<V> type, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        io.leadrelay.schemas.catalog.Topic<V> catalogTopic = Topics.all().stream()
                .filter(t -> t.name().equals(topic)).map(t -> {
                    @SuppressWarnings("unchecked")
                    io.leadrelay.schemas.catalog.Topic<V> typed = (io.leadrelay.schemas.catalog.Topic<V>) t;
                    return typed;
                }).findFirst().orElseThrow();
        assertThat(catalogTopic.valueType()).isEqualTo(type);
        Map<String, V> values = new HashMap<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, catalogTopic.keySerde().deserializer(),
                catalogTopic.valueSerde(new PlainAvroSerdes()).deserializer())) {
            consumer.assign(admin.describeTopics(List.of(topic)).allTopicNames().toCompletionStage().toCompletableFuture()
                    .join().get(topic).partitions().stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    values.put(record.key(), record.value());
                }
            }
        }
        return values;
    }

    private String cleanupPolicy(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }

    private static List<String> names(List<TopicSpec> specs) {
        return specs.stream().map(TopicSpec::name).toList();
    }

    private static List<String> union(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
