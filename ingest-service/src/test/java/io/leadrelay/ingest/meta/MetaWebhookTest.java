package io.leadrelay.ingest.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.leadrelay.ingest.IngestTestResource;
import io.leadrelay.ingest.RawLeads;
import io.leadrelay.ingest.intake.LeadIds;
import io.leadrelay.ingest.webhook.Secrets;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.EmbeddedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Meta Lead Ads against a WireMock stub of the Graph API. */
@QuarkusTest
@WithTestResource(IngestTestResource.class)
class MetaWebhookTest {

    private static final String SECRET = "test-app-secret";
    private static RawLeads raw;

    @BeforeAll
    static void probe() {
        raw = RawLeads.shared();
    }

    @AfterAll
    static void close() {
        raw.close();
    }

    private static String notification(String leadgenId) {
        return """
                {"object": "page", "entry": [{"id": "1234", "time": 1764236000, "changes": [{"field": "leadgen",
                 "value": {"ad_id": "444", "form_id": "555", "leadgen_id": "%s", "created_time": 1764236000, "page_id": "1234"}}]}]}"""
                .formatted(leadgenId);
    }

    private static String sign(String body) {
        return "sha256=" + HexFormat.of().formatHex(Secrets.hmacSha256(SECRET, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void graphAnswers(String leadgenId, int status) {
        String lead = """
                {"id": "%s", "created_time": "2026-11-27T09:30:00+0000", "campaign_name": "Autumn Fair",
                 "field_data": [{"name": "full_name", "values": ["Anna Schmidt"]},
                                {"name": "email", "values": ["anna.%s@example-gmbh.de"]},
                                {"name": "company_name", "values": ["Example GmbH"]},
                                {"name": "country", "values": ["DE"]},
                                {"name": "zip_code", "values": ["80538"]}]}""".formatted(leadgenId, leadgenId);
        IngestTestResource.graph().stubFor(get(urlPathEqualTo("/v21.0/" + leadgenId))
                .willReturn(status == 200 ? aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(lead)
                        : aResponse().withStatus(status)));
    }

    @Test
    void subscriptionEchoesTheChallengeOnlyForTheVerifyToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhooks/meta").then().statusCode(200).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "guess")
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhooks/meta").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void signedLeadgenIsFetchedFromGraphAndStoredOnce() {
        String leadgenId = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        graphAnswers(leadgenId, 200);
        String body = notification(leadgenId);
        given().contentType("application/json").header("X-Hub-Signature-256", sign(body)).body(body)
                .when().post("/webhooks/meta")
                .then().statusCode(200).body("leads[0].outcome", equalTo("STORED"));
        String leadId = LeadIds.deterministic("meta-lead-ads", leadgenId);
        RawLeads.Raw lead = raw.one(leadId);
        assertThat(lead.get("profile.source.reference")).isEqualTo(leadgenId);
        assertThat(lead.get("profile.source.campaign")).isEqualTo("Autumn Fair");
        assertThat(lead.get("profile.contact.lastName")).isEqualTo("Schmidt");

        given().contentType("application/json").header("X-Hub-Signature-256", sign(body)).body(body)
                .when().post("/webhooks/meta")
                .then().statusCode(200).body("leads[0].outcome", equalTo("ALREADY_STORED"));
        assertThat(raw.count(leadId)).isEqualTo(1);
    }

    @Test
    void wrongSignatureIsRefusedWithoutFetching() {
        String leadgenId = Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits()));
        String body = notification(leadgenId);
        given().contentType("application/json").header("X-Hub-Signature-256", sign(body + " ")).body(body)
                .when().post("/webhooks/meta").then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(body)
                .when().post("/webhooks/meta").then().statusCode(403);
        IngestTestResource.graph().verify(0, getRequestedFor(urlPathEqualTo("/v21.0/" + leadgenId)));
    }

    @Test
    void leadTheGraphCannotServeIsParkedWithItsReasonThenRetriedUntilStored() {
        WireMockServer graph = IngestTestResource.graph();
        String leadgenId = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        graphAnswers(leadgenId, 503);
        String body = notification(leadgenId);
        given().contentType("application/json").header("X-Hub-Signature-256", sign(body)).body(body)
                .when().post("/webhooks/meta")
                .then().statusCode(200).body("leads[0].outcome", equalTo("PARKED"));
        graph.verify(3, getRequestedFor(urlPathEqualTo("/v21.0/" + leadgenId)));

        ConsumerRecord<String, byte[]> parked = parkedRecord(leadgenId);
        assertThat(new String(parked.headers().lastHeader(DeadLetterHeaders.MESSAGE).value(), StandardCharsets.UTF_8))
                .contains("HTTP 503");
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).contains(leadgenId);

        graphAnswers(leadgenId, 200);
        raw.one(LeadIds.deterministic("meta-lead-ads", leadgenId));
    }

    @Test
    void eachLeadOfADeliveryIsStoredOrParkedInTurn() {
        String served = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        String failing = Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits()));
        graphAnswers(served, 200);
        graphAnswers(failing, 500);
        String body = """
                {"object": "page", "entry": [{"id": "1234", "time": 1764236000, "changes": [
                 {"field": "leadgen", "value": {"leadgen_id": "%s", "page_id": "1234"}},
                 {"field": "leadgen", "value": {"leadgen_id": "%s", "page_id": "1234"}},
                 {"field": "leadgen", "value": {"leadgen_id": "%s", "page_id": "1234"}}]}]}""".formatted(failing, served, served);
        given().contentType("application/json").header("X-Hub-Signature-256", sign(body)).body(body)
                .when().post("/webhooks/meta")
                .then().statusCode(200)
                .body("leads.leadgenId", equalTo(java.util.List.of(failing, served, served)))
                .body("leads.outcome", equalTo(java.util.List.of("PARKED", "STORED", "ALREADY_STORED")));
        assertThat(parkedRecord(failing).key()).isEqualTo(failing);
        String servedId = LeadIds.deterministic("meta-lead-ads", served);
        raw.one(servedId);
        assertThat(raw.count(servedId)).isEqualTo(1);
    }

    private static ConsumerRecord<String, byte[]> parkedRecord(String leadgenId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers());
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.WEBHOOKS_META_DLQ.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (leadgenId.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("lead " + leadgenId + " not parked on " + Topics.WEBHOOKS_META_DLQ.name());
    }
}
