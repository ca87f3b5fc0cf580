package io.leadrelay.qualification.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.leadrelay.qualification.support.Leads;
import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.QualificationFacts;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.RawLead;
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

    @Test
    void theRunningServiceTurnsAKnownCompanysRawLeadIntoAnMql() throws Exception {
        String bootstrap = EmbeddedKafka.shared().bootstrapServers();
        RegistrySerdes serdes = new RegistrySerdes(EmbeddedRegistry.shared().registryUrl());
        String domain = "svc-" + UUID.randomUUID() + ".de";
        String leadId = "lead-" + UUID.randomUUID();
        var profile = Leads.profile("anna." + UUID.randomUUID() + "@" + domain)
                .setCompany(CompanyRef.newBuilder().setName("Service GmbH").setWebsite(domain).setCountry("DE")
                        .setPostalCode("80538").build())
                .setFacts(QualificationFacts.newBuilder().setPurchaseDecision(LocalDate.now().plusMonths(7))
                        .setExpectedVolume(Leads.money("120000.00")).setCurrentProduct("Competitor X")
                        .setProductInterest("industrial-printers").build())
                .build();

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var companies = new KafkaProducer<>(props, Topics.REFERENCE_COMPANIES.keySerde().serializer(),
                Topics.REFERENCE_COMPANIES.valueSerde(serdes).serializer());
                var raw = new KafkaProducer<>(props, Topics.LEADS_RAW.keySerde().serializer(),
                        Topics.LEADS_RAW.valueSerde(serdes).serializer())) {
            companies.send(new ProducerRecord<>(Topics.REFERENCE_COMPANIES.name(), domain,
                    Leads.company(domain, "42000000.00", 180))).get();
            RawLead lead = Leads.raw(leadId, profile, java.time.Instant.now());
            raw.send(new ProducerRecord<>(Topics.LEADS_RAW.name(), leadId, lead)).get();
        }

        try (var mql = new TopicProbe<>(bootstrap, Topics.LEADS_MQL, serdes)) {
            QualifiedLead qualified = mql.await(r -> leadId.equals(r.key()), 1, Duration.ofSeconds(60)).get(0).value();
            assertThat(qualified.getStage()).isEqualTo(LeadState.MQL);
            assertThat(qualified.getCompany().getFound()).isTrue();
            assertThat(qualified.getCompany().getAnnualRevenue().getAmount()).isEqualByComparingTo("42000000.00");
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }
}
