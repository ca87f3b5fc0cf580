package io.leadrelay.routing.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.kafka.RoutingTopology;
import io.leadrelay.routing.kafka.KafkaPartnerDeadLetters;
import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.lead.RoutingRules;
import io.leadrelay.routing.testing.Leads;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.EmbeddedRegistry;
import io.leadrelay.testsupport.TopicProbe;

/**
 * The production topology on the real broker and registry with exactly_once_v2, stopped in the middle of a batch
 * and replaced by a new instance (same application id, empty state directory, so it restores from the changelogs):
 * downstream read_committed consumers see every lead routed exactly once.
 *
 * <p>Runs before the {@code @QuarkusTest} classes (class order set in pom.xml): once the Quarkus-managed stream
 * runs in this JVM it would route these leads too.
 */
class ExactlyOnceRestartTest {

    private static final int LEADS_BEFORE_STOP = 100;
    private static final int LEADS_WHILE_DOWN = 60;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String applicationId = "routing-restart-" + suffix;
    private final RegistrySerdes serdes = new RegistrySerdes(EmbeddedRegistry.shared().registryUrl());
    private KafkaStreams running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close(Duration.ofSeconds(30));
        }
    }

    @Test
    void restartMidBatchRoutesEveryLeadOnceInCommittedOutput() {
        String postalPrefix = "R" + suffix;
        for (int i = 0; i < 5; i++) {
            PartnerProfile partner = Leads.partner("p-rs-" + suffix + "-" + i,
                    i % 2 == 0 ? PartnerTier.PLATINUM : PartnerTier.GOLD, postalPrefix).setCapacity(10_000).build();
            send(Topics.REFERENCE_PARTNERS, partner.getPartnerId(), partner);
        }
        List<String> leadIds = IntStream.range(0, LEADS_BEFORE_STOP + LEADS_WHILE_DOWN)
                .mapToObj(i -> "lead-rs-" + suffix + "-" + i).toList();

        running = start(1);
        String anyPartner = "p-rs-" + suffix + "-4";
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                return running.store(StoreQueryParameters.fromNameAndType(StoreNames.PARTNERS,
                        QueryableStoreTypes.<String, byte[]>keyValueStore())).get(anyPartner) != null;
            } catch (InvalidStateStoreException e) {
                return false;
            }
        });

        try (TopicProbe<AssignmentEvent> assignments = new TopicProbe<>(EmbeddedKafka.shared().bootstrapServers(),
                Topics.LEADS_ASSIGNMENTS, serdes)) {
            sendLeads(leadIds.subList(0, LEADS_BEFORE_STOP), postalPrefix);
            // stop once part of the batch is committed, while the rest is still being processed
            assignments.await(r -> routed(r, leadIds), 30, Duration.ofSeconds(60));
            running.close(Duration.ofSeconds(30));
            int routedBeforeRestart = routedLeads(assignments.settle(r -> routed(r, leadIds), Duration.ofSeconds(1)))
                    .size();
            System.out.printf("restart test: %d of %d leads routed when the first instance stopped%n",
                    routedBeforeRestart, LEADS_BEFORE_STOP);

            sendLeads(leadIds.subList(LEADS_BEFORE_STOP, leadIds.size()), postalPrefix);
            running = start(2);

            // one ASSIGNED per grade A lead, three OFFERED per grade B lead (half of each batch)
            int expected = (LEADS_BEFORE_STOP / 2 + LEADS_WHILE_DOWN / 2) * (1 + 3);
            assignments.await(r -> routed(r, leadIds), expected, Duration.ofSeconds(120));
            // give a duplicate, if any, time to show up
            List<ConsumerRecord<String, AssignmentEvent>> deliveries = assignments.settle(r -> routed(r, leadIds),
                    Duration.ofSeconds(3));

            assertThat(routedLeads(deliveries)).containsExactlyInAnyOrderElementsOf(leadIds);
            Map<String, List<AssignmentEvent>> byLead = deliveries.stream().map(ConsumerRecord::value)
                    .collect(Collectors.groupingBy(e -> e.getLeadId()));
            byLead.forEach((lead, events) -> {
                List<String> perAttempt = events.stream().map(e -> e.getAttempt() + ":" + e.getPartnerId()).toList();
                assertThat(perAttempt).as("deliveries of %s", lead).doesNotHaveDuplicates();
                assertThat(events).as("deliveries of %s", lead).allSatisfy(e -> assertThat(e.getAttempt()).isEqualTo(1));
                boolean assigned = events.stream().anyMatch(e -> e.getType() == AssignmentEventType.ASSIGNED);
                assertThat(events).as("deliveries of %s", lead).hasSize(assigned ? 1 : 3);
            });
        }
    }

    private static boolean routed(ConsumerRecord<String, AssignmentEvent> r, List<String> leadIds) {
        AssignmentEventType type = r.value().getType();
        return (type == AssignmentEventType.ASSIGNED || type == AssignmentEventType.OFFERED)
                && leadIds.contains(r.key());
    }

    private static Set<String> routedLeads(List<ConsumerRecord<String, AssignmentEvent>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Grade A leads are assigned to one partner, grade B leads offered to three. */
    private void sendLeads(List<String> ids, String postalPrefix) {
        Map<String, QualifiedLead> leads = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            QualifiedLead lead = Leads.sql(ids.get(i), i % 2 == 0 ? Grade.A : Grade.B).build();
            lead.getProfile().getCompany().setPostalCode(postalPrefix + i);
            leads.put(ids.get(i), lead);
        }
        try (KafkaProducer<String, QualifiedLead> producer = producer(Topics.LEADS_SQL)) {
            ids.forEach(id -> producer.send(new ProducerRecord<>(Topics.LEADS_SQL.name(), id, leads.get(id))));
            producer.flush();
        }
    }

    private KafkaStreams start(int instance) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        // a fresh directory per instance: the new instance rebuilds its state from the changelogs
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Path.of("target", "kafka-streams-state", applicationId + "-" + instance).toString());
        KafkaStreams streams = new KafkaStreams(new RoutingTopology(RoutingRules.of(RoutingSettings.defaults()),
                new KafkaPartnerDeadLetters(EmbeddedKafka.shared().bootstrapServers()), serdes, Clock.systemUTC(), true).build(), props);
        streams.start();
        return streams;
    }

    private <V extends SpecificRecord> void send(Topic<V> topic, String key, V value) {
        try (KafkaProducer<String, V> producer = producer(topic)) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <V extends SpecificRecord> KafkaProducer<String, V> producer(Topic<V> topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), topic.valueSerde(serdes).serializer());
    }
}
