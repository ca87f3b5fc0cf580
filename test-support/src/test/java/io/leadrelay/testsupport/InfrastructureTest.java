package io.leadrelay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.catalog.RegistrySerdes;
import io.leadrelay.schemas.catalog.Topics;

/** The shared broker and registry are real, carry the catalog's topics, and write the Confluent wire format. */
class InfrastructureTest {

    @Test
    void catalogTopicsExistWithTheirLayout() throws Exception {
        try (Admin admin = EmbeddedKafka.shared().admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    java.util.List.of(Topics.LEADS_RAW.name(), Topics.REFERENCE_COMPANIES.name(), "leads.raw.dlq"))
                    .allTopicNames().get();
            assertThat(topics.get("leads.raw").partitions()).hasSize(Topics.LEAD_PARTITIONS);
            assertThat(topics).containsKey("leads.raw.dlq");
            ConfigResource companies = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REFERENCE_COMPANIES.name());
            assertThat(admin.describeConfigs(java.util.List.of(companies)).all().get().get(companies)
                    .get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void registryRefusesASchemaChangeThatIsNotBackwardCompatible() throws Exception {
        String subject = "compat-probe-" + UUID.randomUUID() + "-value";
        String v1 = "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.leadrelay.probe\",\"fields\":"
                + "[{\"name\":\"id\",\"type\":\"string\"}]}";
        String v2Breaking = v1.replace("]}", ",{\"name\":\"tenant\",\"type\":\"string\"}]}");
        String v2Additive = v1.replace("]}", ",{\"name\":\"tenant\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
        String url = EmbeddedRegistry.shared().confluentUrl() + "/subjects/" + subject + "/versions";
        assertThat(register(url, v1)).isEqualTo(200);
        assertThat(register(url, v2Breaking)).isEqualTo(409);
        assertThat(register(url, v2Additive)).isEqualTo(200);
    }

    private static int register(String url, String schema) throws Exception {
        String body = new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(Map.of("schema", schema, "schemaType", "AVRO"));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        return java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void recordsAreWrittenInConfluentWireFormatReadableWithoutApicurio() {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        EmbeddedRegistry registry = EmbeddedRegistry.shared();
        String domain = "probe-" + UUID.randomUUID() + ".de";
        CompanyProfile company = CompanyProfile.newBuilder()
                .setDomain(domain).setName("Probe GmbH")
                .setAnnualRevenue(new Money(new BigDecimal("42000000.00"), "EUR"))
                .setEmployees(180).setIndustry("manufacturing").setCountry("DE")
                .setUpdatedAt(Instant.parse("2026-11-27T09:30:00Z"))
                .build();

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        var serde = Topics.REFERENCE_COMPANIES.valueSerde(new RegistrySerdes(registry.registryUrl()));
        try (var producer = new KafkaProducer<>(producerProps, Topics.REFERENCE_COMPANIES.keySerde().serializer(),
                serde.serializer())) {
            producer.send(new ProducerRecord<>(Topics.REFERENCE_COMPANIES.name(), domain, company)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "wire-" + UUID.randomUUID());
        try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.REFERENCE_COMPANIES.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            ConsumerRecord<String, byte[]> found = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found == null && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (domain.equals(record.key())) {
                        found = record;
                    }
                }
            }
            assertThat(found).as("record for " + domain).isNotNull();
            assertThat(found.value()[0]).as("magic byte").isZero();
            assertThat(found.headers().toArray()).as("no id headers").isEmpty();
            GenericRecord read = new ConfluentWireReader(registry.confluentUrl()).read(found.value());
            assertThat(read.get("domain").toString()).isEqualTo(domain);
            assertThat(read.get("industry").toString()).isEqualTo("manufacturing");
            assertThat(read.getSchema().getFullName()).isEqualTo(CompanyProfile.getClassSchema().getFullName());
        }
    }
}
