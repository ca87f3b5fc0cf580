package io.leadrelay.qualification.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.leadrelay.qualification.support.Leads;
import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.Consent;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.QualificationFacts;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.RawLead;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.leadrelay.testsupport.EmbeddedRegistry;
import io.leadrelay.testsupport.LeadrelayTestResource;
import io.leadrelay.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The packaged service as it runs: Quarkus boots the topology against the real broker and registry. */
@QuarkusTest
@WithTestResource(LeadrelayTestResource.class)
class QualificationServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TEST_LEADS = "leadrelay_qualification_test_leads_total";
    private static final String DISQUALIFICATIONS = "leadrelay_qualification_disqualifications_total";

    @Test
    void theRunningServiceTurnsAKnownCompanysRawLeadIntoAnMql() throws Exception {
        String bootstrap = EmbeddedKafka.shared().bootstrapServers();
        RegistrySerdes serdes = new RegistrySerdes(EmbeddedRegistry.shared().registryUrl());
        String domain = "svc-" + UUID.randomUUID() + ".de";
        String leadId = "lead-" + UUID.randomUUID();

        try (var companies = new KafkaProducer<>(producerProps(bootstrap),
                Topics.REFERENCE_COMPANIES.keySerde().serializer(),
                Topics.REFERENCE_COMPANIES.valueSerde(serdes).serializer());
                var raw = new KafkaProducer<>(producerProps(bootstrap), Topics.LEADS_RAW.keySerde().serializer(),
                        Topics.LEADS_RAW.valueSerde(serdes).serializer())) {
            companies.send(new ProducerRecord<>(Topics.REFERENCE_COMPANIES.name(), domain,
                    Leads.company(domain, "42000000.00", 180))).get();
            raw.send(new ProducerRecord<>(Topics.LEADS_RAW.name(), leadId,
                    Leads.raw(leadId, knownCompanyLead(domain), Instant.now()))).get();
        }

        try (var mql = new TopicProbe<>(bootstrap, Topics.LEADS_MQL, serdes)) {
            QualifiedLead qualified = mql.await(r -> leadId.equals(r.key()), 1, WAIT).get(0).value();
            assertThat(qualified.getStage()).isEqualTo(LeadState.MQL);
            assertThat(qualified.getCompany().getFound()).isTrue();
            assertThat(qualified.getCompany().getAnnualRevenue().getAmount()).isEqualByComparingTo("42000000.00");
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        assertThat(metric("kafka_stream_thread_process_total", null))
                .as("the Kafka Streams client metrics stay on /q/metrics").isPositive();
    }

    @Test
    void anUnreadableCompanyRecordLandsOnItsDeadLetterTopicAndTheSourceKeepsLoading() throws Exception {
        String bootstrap = EmbeddedKafka.shared().bootstrapServers();
        RegistrySerdes serdes = new RegistrySerdes(EmbeddedRegistry.shared().registryUrl());
        String broken = "broken-" + UUID.randomUUID() + ".de";
        String domain = "after-broken-" + UUID.randomUUID() + ".de";
        String leadId = "lead-" + UUID.randomUUID();
        byte[] garbage = "not a company record".getBytes(StandardCharsets.UTF_8);

        try (var companies = new KafkaProducer<>(producerProps(bootstrap), new StringSerializer(),
                new ByteArraySerializer());
                var raw = new KafkaProducer<>(producerProps(bootstrap), Topics.LEADS_RAW.keySerde().serializer(),
                        Topics.LEADS_RAW.valueSerde(serdes).serializer())) {
            companies.send(new ProducerRecord<>(Topics.REFERENCE_COMPANIES.name(), broken, garbage)).get();
            companies.send(new ProducerRecord<>(Topics.REFERENCE_COMPANIES.name(), domain,
                    Topics.REFERENCE_COMPANIES.valueSerde(serdes).serializer().serialize(
                            Topics.REFERENCE_COMPANIES.name(), Leads.company(domain, "42000000.00", 180)))).get();
            raw.send(new ProducerRecord<>(Topics.LEADS_RAW.name(), leadId,
                    Leads.raw(leadId, knownCompanyLead(domain), Instant.now()))).get();
        }

        ConsumerRecord<String, byte[]> letter = awaitDeadLetter(bootstrap, broken);
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.REFERENCE_COMPANIES.name());
        assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).matches("\\d+");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
        assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isNotBlank();
        assertThat(header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("qualification-stream");
        try (var mql = new TopicProbe<>(bootstrap, Topics.LEADS_MQL, serdes)) {
            QualifiedLead qualified = mql.await(r -> leadId.equals(r.key()), 1, WAIT).get(0).value();
            assertThat(qualified.getCompany().getFound()).as("the company written after the broken one").isTrue();
        }
    }

    @Test
    void testLeadsAndDisqualificationsPerReasonAreCountedOnMetrics() throws Exception {
        String bootstrap = EmbeddedKafka.shared().bootstrapServers();
        RegistrySerdes serdes = new RegistrySerdes(EmbeddedRegistry.shared().registryUrl());
        String run = UUID.randomUUID().toString();
        double testLeads = metric(TEST_LEADS, null);
        double testLeadDisqualifications = disqualified("TEST_LEAD");
        double disposable = disqualified("DISPOSABLE_EMAIL");
        double noConsent = disqualified("NO_CONSENT");

        try (var raw = new KafkaProducer<>(producerProps(bootstrap), Topics.LEADS_RAW.keySerde().serializer(),
                Topics.LEADS_RAW.valueSerde(serdes).serializer())) {
            List<RawLead> leads = List.of(
                    Leads.raw("test-" + run, Leads.profile("test-" + run + "@example-gmbh.de").setTest(true).build(),
                            Instant.now()),
                    Leads.raw("disposable-" + run, Leads.profile(run + "@mailinator.com").build(), Instant.now()),
                    Leads.raw("no-consent-" + run, Leads.profile("nc-" + run + "@example-gmbh.de")
                            .setConsent(new Consent(false, null, null)).build(), Instant.now()));
            for (RawLead lead : leads) {
                raw.send(new ProducerRecord<>(Topics.LEADS_RAW.name(), lead.getLeadId(), lead)).get();
            }
        }

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> disqualified("NO_CONSENT") > noConsent
                        && disqualified("DISPOSABLE_EMAIL") > disposable
                        && disqualified("TEST_LEAD") > testLeadDisqualifications);
        assertThat(metric(TEST_LEADS, null)).isEqualTo(testLeads + 1);
        assertThat(disqualified("TEST_LEAD")).isEqualTo(testLeadDisqualifications + 1);
        assertThat(disqualified("DISPOSABLE_EMAIL")).isEqualTo(disposable + 1);
        assertThat(disqualified("NO_CONSENT")).isEqualTo(noConsent + 1);
    }

    private static LeadProfile knownCompanyLead(String domain) {
        return Leads.profile("anna." + UUID.randomUUID() + "@" + domain)
                .setCompany(CompanyRef.newBuilder().setName("Service GmbH").setWebsite(domain).setCountry("DE")
                        .setPostalCode("80538").build())
                .setFacts(QualificationFacts.newBuilder().setPurchaseDecision(LocalDate.now().plusMonths(7))
                        .setExpectedVolume(Leads.money("120000.00")).setCurrentProduct("Competitor X")
                        .setProductInterest("industrial-printers").build())
                .build();
    }

    private static Properties producerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static double disqualified(String reason) {
        return metric(DISQUALIFICATIONS, "reason=\"" + reason + "\"");
    }

    /** A sample's value on /q/metrics: the series {@code name}, with {@code label} among its labels where given. */
    private static double metric(String name, String label) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines()
                .filter(line -> label == null ? line.startsWith(name + " ") || line.startsWith(name + "{")
                        : line.startsWith(name + "{") && line.contains(label))
                .findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError(name + " " + label + " not on /q/metrics"));
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String bootstrap, String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            String topic = Topics.REFERENCE_COMPANIES.deadLetter().name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter for " + key + " within " + WAIT);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
