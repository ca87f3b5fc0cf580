package io.leadrelay.routing.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadrelay.routing.kafka.StoreNames;
import io.leadrelay.routing.testing.Leads;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.FeedbackType;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topic;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.EmbeddedRegistry;
import io.leadrelay.testsupport.LeadrelayTestResource;
import io.leadrelay.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The running service against the real broker and registry: route, accept, answer, and the lead's view. */
@QuarkusTest
@WithTestResource(LeadrelayTestResource.class)
class RoutingStreamIntegrationTest {

    @Inject
    KafkaStreams streams;

    private static RegistrySerdes serdes;
    private static TopicProbe<AssignmentEvent> assignments;

    @BeforeAll
    static void probes() {
        serdes = new RegistrySerdes(EmbeddedRegistry.shared().registryUrl());
        assignments = new TopicProbe<>(EmbeddedKafka.shared().bootstrapServers(), Topics.LEADS_ASSIGNMENTS, serdes);
    }

    @AfterAll
    static void closeProbes() {
        assignments.close();
    }

    @Test
    void sqlLeadIsAssignedAcceptedAndVisibleWithItsHistory() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String partnerId = "p-it-" + suffix;
        String leadId = "lead-it-" + suffix;
        var partner = Leads.partner(partnerId, PartnerTier.PLATINUM, "80").build();
        // a postal code only this test's partner serves, so partners of other tests never compete
        var lead = Leads.sql(leadId, Grade.A).build();
        partner.getTerritories().get(0).setCountry("AT");
        lead.getProfile().getCompany().setCountry("AT");
        lead.getProfile().getCompany().setPostalCode("80" + suffix);
        partner.getTerritories().get(0).setPostalPrefixes(List.of("80" + suffix));
        send(Topics.REFERENCE_PARTNERS, partnerId, partner);
        Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                return streams.store(StoreQueryParameters.fromNameAndType(StoreNames.PARTNERS,
                        QueryableStoreTypes.<String, byte[]>keyValueStore())).get(partnerId) != null;
            } catch (InvalidStateStoreException e) {
                return false;
            }
        });

        send(Topics.LEADS_SQL, leadId, lead);
        try (TopicProbe<io.leadrelay.schemas.LifecycleEvent> lifecycle = new TopicProbe<>(
                EmbeddedKafka.shared().bootstrapServers(), Topics.LEADS_LIFECYCLE, serdes)) {
            var routed = lifecycle.await(r -> r.key().equals(leadId), 1, Duration.ofSeconds(45));
            assertThat(routed.get(0).value().getTo()).as(routed.get(0).value().toString())
                    .isEqualTo(io.leadrelay.schemas.LeadState.ASSIGNED);
        }
        var assigned = assignments.await(r -> r.key().equals(leadId)
                && r.value().getType() == AssignmentEventType.ASSIGNED, 1, Duration.ofSeconds(45));
        assertThat(assigned).singleElement().satisfies(r -> {
            assertThat(r.value().getPartnerId()).isEqualTo(partnerId);
            assertThat(new String(r.headers().lastHeader(Topics.PARTNER_ID_HEADER).value())).isEqualTo(partnerId);
        });

        LeadFeedback accept = Leads.partnerAction(leadId, partnerId, FeedbackType.ACCEPT, Instant.now());
        send(Topics.LEADS_FEEDBACK, leadId, accept);
        assignments.await(r -> accept.getRequestId().equals(r.value().getRequestId())
                && r.value().getType() == AssignmentEventType.ACCEPTED, 1, Duration.ofSeconds(45));

        Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().when().get("/api/v1/leads/{id}", leadId).then().statusCode(200)
                        .body("state", equalTo("ACCEPTED"))
                        .body("owner.type", equalTo("PARTNER"))
                        .body("owner.partnerId", equalTo(partnerId))
                        .body("attempts", equalTo(1))
                        .body("grade", equalTo("A"))
                        .body("history.to", hasItem("ASSIGNED"))
                        .body("history.to", hasItem("ACCEPTED"))
                        .body("history[0].actor", equalTo("rule:partner-selection")));
    }

    @Test
    void unknownLeadIsAProblem404() {
        Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().when().get("/api/v1/leads/{id}", "no-such-lead-" + UUID.randomUUID()).then()
                        .statusCode(404).contentType("application/problem+json").body("status", equalTo(404)));
    }

    @Test
    void unreadablePartnerRecordIsParkedOnItsDeadLetterTopicWithErrorHeaders() throws Exception {
        String partnerId = "p-unreadable-" + UUID.randomUUID();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers());
        try (TopicProbe<byte[]> parked = TopicProbe.raw(EmbeddedKafka.shared().bootstrapServers(),
                Topics.REFERENCE_PARTNERS.deadLetter().name());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                        new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REFERENCE_PARTNERS.name(), partnerId,
                    "not a partner".getBytes(StandardCharsets.UTF_8))).get();
            var dead = parked.await(r -> r.key().equals(partnerId), 1, Duration.ofSeconds(60));
            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("not a partner");
                assertThat(new String(r.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value(),
                        StandardCharsets.UTF_8)).isEqualTo(Topics.REFERENCE_PARTNERS.name());
                assertThat(new String(r.headers().lastHeader(DeadLetterHeaders.SERVICE).value(),
                        StandardCharsets.UTF_8)).isEqualTo("routing-stream");
            });
        }
    }

    private static <V extends SpecificRecord> void send(Topic<V> topic, String key, V value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers());
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(props, new StringSerializer(),
                topic.valueSerde(serdes).serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
