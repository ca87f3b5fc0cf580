package io.leadrelay.qualification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

import io.leadrelay.qualification.support.Leads;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.QualificationFacts;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.qualification.support.TestConfig;
import io.leadrelay.qualification.metrics.QualificationCounters;
import io.leadrelay.qualification.topology.KafkaCompanyDeadLetters;
import io.leadrelay.qualification.topology.QualificationTopology;
import io.leadrelay.testsupport.EmbeddedRegistry;
import io.leadrelay.testsupport.TopicProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The topology with registry serdes and exactly_once_v2 against the real broker and registry: raw leads in,
 * MQL/SQL/nurture out, with the Kafka Streams instance stopped mid-stream and a new one started from the same topology
 * and configuration; downstream (read_committed) sees every lead exactly once. (Plain JUnit rather than @QuarkusTest:
 * the test stops and starts Kafka Streams itself, which Quarkus runs once per application.)
 */
class QualificationStreamIntegrationTest {

    private static final int PER_BATCH = 30;
    private static final Duration WAIT = Duration.ofSeconds(60);


    @Test
    void leadsFlowThroughExactlyOnceAcrossARestart() throws Exception {
        String registryUrl = EmbeddedRegistry.shared().registryUrl();
        RegistrySerdes serdes = new RegistrySerdes(registryUrl);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String domain = "big-" + run + ".de";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String bootstrap = EmbeddedKafka.shared().bootstrapServers();
        KafkaCompanyDeadLetters companyDeadLetters = new KafkaCompanyDeadLetters(bootstrap);
        Topology topology = QualificationTopology.build(serdes, TestConfig.rules(), Clock.systemUTC(),
                Duration.ofSeconds(1), new QualificationTopology.Wiring(QualificationTopology.storesOf(Map.of()),
                        companyDeadLetters, new QualificationCounters(new SimpleMeterRegistry())));
        Properties config = streamsConfig(bootstrap, run);
        KafkaStreams streams = new KafkaStreams(topology, config);
        streams.start();

        try (companyDeadLetters; KafkaProducer<String, SpecificRecord> producer = producer(bootstrap, serdes);
                TopicProbe<QualifiedLead> mql = new TopicProbe<>(bootstrap, Topics.LEADS_MQL, serdes);
                TopicProbe<QualifiedLead> sql = new TopicProbe<>(bootstrap, Topics.LEADS_SQL, serdes);
                TopicProbe<NurtureHandoff> nurture = new TopicProbe<>(bootstrap, Topics.LEADS_NURTURE, serdes)) {
            send(producer, Topics.REFERENCE_COMPANIES, domain, Leads.company(domain, "60000000.00", 300));

            // Batch 1, then stop the application while it is still working through it.
            List<String> expectedMql = new ArrayList<>();
            List<String> expectedSql = new ArrayList<>();
            List<String> expectedNurture = new ArrayList<>();
            sendBatch(producer, run, 0, domain, today, expectedMql, expectedSql, expectedNurture);
            mql.await(mine(run), 3, WAIT);
            streams.close(Duration.ofSeconds(30));
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);

            // Batch 2 arrives while nothing runs; a new instance picks up where the first stopped.
            sendBatch(producer, run, 1, domain, today, expectedMql, expectedSql, expectedNurture);
            try (KafkaStreams restarted = new KafkaStreams(topology, config)) {
                restarted.start();

                mql.await(mine(run), expectedMql.size(), WAIT);
                sql.await(mine(run), expectedSql.size(), WAIT);
                nurture.await(mine(run), expectedNurture.size(), WAIT);

                List<ConsumerRecord<String, QualifiedLead>> mqls = mql.settle(mine(run), Duration.ofSeconds(3));
                assertThat(keys(mqls)).containsExactlyInAnyOrderElementsOf(expectedMql);
                assertThat(keys(sql.settle(mine(run), Duration.ofSeconds(1))))
                        .containsExactlyInAnyOrderElementsOf(expectedSql);
                List<ConsumerRecord<String, NurtureHandoff>> nurtured = nurture.settle(mine(run), Duration.ofSeconds(1));
                assertThat(keys(nurtured)).containsExactlyInAnyOrderElementsOf(expectedNurture);
                assertThat(nurtured).allSatisfy(r -> {
                    assertThat(r.value().getReason()).isEqualTo("DECISION_TOO_FAR");
                    assertThat(r.value().getDueDate()).isEqualTo(today.plusMonths(6));
                });
                assertThat(mqls.stream().filter(r -> expectedSql.contains(r.key())))
                        .allSatisfy(r -> assertThat(r.value().getCompany().getAnnualRevenue().getAmount())
                                .isEqualByComparingTo("60000000"));
                restarted.close(Duration.ofSeconds(30));
                await().atMost(WAIT).until(() -> restarted.state() == KafkaStreams.State.NOT_RUNNING);
            }
        }
    }

    /** The production settings that matter here: exactly_once_v2, plus the test commit interval and no cache. */
    private static Properties streamsConfig(String bootstrap, String run) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "qualification-it-" + run);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "kstreams-it", run).toString());
        // Kafka Streams does not leave the group on close: the restarted instance's rebalance waits until the
        // stopped member's session expires (45 s by default). A shorter session makes that wait ~10 s.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        return props;
    }

    /** Every third lead: grade A (known company) → MQL and SQL; unknown company → MQL; decision far out → NURTURE. */
    private static void sendBatch(KafkaProducer<String, SpecificRecord> producer, String run, int batch, String domain,
            LocalDate today, List<String> mql, List<String> sql, List<String> nurture) throws Exception {
        for (int i = 0; i < PER_BATCH; i++) {
            String leadId = run + "-" + batch + "-" + i;
            String email = "person-" + leadId + "@" + (i % 3 == 0 ? domain : "small-" + run + ".de");
            LeadProfile.Builder profile = Leads.profile(email);
            profile.getCompanyBuilder().setWebsite(null).setName(null);
            QualificationFacts.Builder facts = QualificationFacts.newBuilder(profile.getFacts())
                    .setPurchaseDecision(i % 3 == 2 ? today.plusMonths(14) : today.plusMonths(7));
            RawLead raw = Leads.raw(leadId, profile.setFacts(facts.build()).build(), Instant.now());
            send(producer, Topics.LEADS_RAW, leadId, raw);
            switch (i % 3) {
                case 0 -> {
                    mql.add(leadId);
                    sql.add(leadId);
                }
                case 1 -> mql.add(leadId);
                default -> nurture.add(leadId);
            }
        }
        producer.flush();
    }

    private static <V extends SpecificRecord> void send(KafkaProducer<String, SpecificRecord> producer,
            Topic<V> topic, String key, V value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static KafkaProducer<String, SpecificRecord> producer(String bootstrap, RegistrySerdes serdes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // One serializer for both value types: the Apicurio serde picks the schema from the record.
        var valueSerializer = (org.apache.kafka.common.serialization.Serializer) Topics.LEADS_RAW.valueSerde(serdes)
                .serializer();
        return new KafkaProducer<>(props, Topics.LEADS_RAW.keySerde().serializer(), valueSerializer);
    }

    private static <V> Predicate<ConsumerRecord<String, V>> mine(String run) {
        return record -> record.key() != null && record.key().startsWith(run + "-");
    }

    private static <V> List<String> keys(List<ConsumerRecord<String, V>> records) {
        List<String> keys = records.stream().map(ConsumerRecord::key).toList();
        Set<String> distinct = keys.stream().collect(Collectors.toSet());
        assertThat(keys).as("no duplicates").hasSize(distinct.size());
        return keys;
    }
}
