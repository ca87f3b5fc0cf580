package io.leadrelay.feedback.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.feedback.support.TestKafka;
import io.leadrelay.feedback.support.Tokens;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.LeadrelayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(LeadrelayTestResource.class)
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static WireMockServer partnerSystems;

    @BeforeAll
    static void stubs() {
        partnerSystems = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        partnerSystems.start();
        partnerSystems.stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(204)));
        partnerSystems.stubFor(post(urlEqualTo("/broken")).willReturn(aResponse().withStatus(503)));
        partnerSystems.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(2500)));
    }

    @AfterAll
    static void stop() {
        partnerSystems.stop();
    }

    private static String register(String partnerId, String path, String secret) {
        String token = Tokens.partner(partnerId);
        given().header("Authorization", Tokens.bearer(token)).contentType("application/json")
                .body("{\"url\": \"http://127.0.0.1:" + partnerSystems.port() + path + "\", \"secret\": \"" + secret + "\"}")
                .put("/api/v1/partner/webhook").then().statusCode(200);
        given().header("Authorization", Tokens.bearer(token)).get("/api/v1/partner/webhook").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(secret)));
        return token;
    }

    private static List<LoggedRequest> deliveriesTo(String path, String leadPrefix) {
        return partnerSystems.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .filter(r -> r.getBodyAsString().contains(leadPrefix)).toList();
    }

    @Test
    void webhookUrlsThatReachInternalTargetsAreRefusedAndNothingIsRegistered() {
        String token = Tokens.partner(Assignments.newPartnerId());
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[fe80::1]:8080/x",
                "http://0.0.0.0:8094/api/v1/admin/erasure", "ftp://127.0.0.1/x", "http://admin:pw@127.0.0.1/x")) {
            given().header("Authorization", Tokens.bearer(token)).contentType("application/json")
                    .body("{\"url\": \"" + url + "\", \"secret\": \"0123456789abcdef\"}")
                    .put("/api/v1/partner/webhook").then().statusCode(422)
                    .contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers.hasItem("url"));
        }
        given().header("Authorization", Tokens.bearer(token)).get("/api/v1/partner/webhook").then().statusCode(404);
    }

    @Test
    void aRemovedWebhookIsGone() {
        String partnerId = Assignments.newPartnerId();
        String token = register(partnerId, "/ok", "a-secret-that-is-long-enough");
        given().header("Authorization", Tokens.bearer(token)).delete("/api/v1/partner/webhook").then().statusCode(204);
        given().header("Authorization", Tokens.bearer(token)).get("/api/v1/partner/webhook").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(token)).delete("/api/v1/partner/webhook").then().statusCode(404);

        String leadId = Assignments.newLeadId();
        Assignments.offered(leadId, partnerId);
        // Pushes continue for others; the removed one gets nothing of its new offer.
        String other = Assignments.newPartnerId();
        register(other, "/ok", "another-secret-long-enough");
        String otherLead = Assignments.newLeadId();
        Assignments.offered(otherLead, other);
        await().atMost(WAIT).until(() -> deliveriesTo("/ok", otherLead).size() >= 1);
        assertThat(deliveriesTo("/ok", leadId)).isEmpty();
    }

    @Test
    void signedOrderedDeliveriesAndAFailingOrSlowPartnerDelaysNobodyElse() throws Exception {
        String good = Assignments.newPartnerId();
        String broken = Assignments.newPartnerId();
        String slow = Assignments.newPartnerId();
        String secret = "a-very-long-shared-secret-1234";
        register(good, "/ok", secret);
        register(broken, "/broken", "another-long-shared-secret");
        register(slow, "/slow", "third-long-shared-secret-xyz");

        String brokenLead = Assignments.newLeadId();
        Assignments.offered(brokenLead, broken);
        for (int i = 0; i < 3; i++) {
            Assignments.offered(Assignments.newLeadId() + "-slow", slow);
        }
        String leadId = Assignments.newLeadId();
        AssignmentEvent offer = Assignments.offer(AssignmentEventType.OFFERED, leadId, good);
        Assignments.write(offer);
        AssignmentEvent withdrawal = Assignments.event(AssignmentEventType.WITHDRAWN, leadId, good, LeadState.ASSIGNED)
                .setReason("OFFER_TAKEN").build();
        Assignments.write(withdrawal);
        AssignmentEvent erasure = Assignments.event(AssignmentEventType.ERASED, leadId, good, LeadState.ERASED).build();
        Assignments.write(erasure);

        // The good partner gets all three, in order, well before the slow partner's queue (3 x 2.5 s) is through.
        await().atMost(Duration.ofSeconds(6)).until(() -> deliveriesTo("/ok", leadId).size() >= 3);
        assertThat(deliveriesTo("/slow", "-slow").size()).isLessThan(3);
        List<LoggedRequest> got = deliveriesTo("/ok", leadId);
        assertThat(got).extracting(r -> r.getHeader(WebhookSignature.DELIVERY_HEADER))
                .containsExactly(offer.getEventId(), withdrawal.getEventId(), erasure.getEventId());
        assertThat(got).extracting(r -> r.getHeader(WebhookSignature.EVENT_HEADER))
                .containsExactly("OFFERED", "WITHDRAWN", "ERASED");
        for (LoggedRequest request : got) {
            assertThat(request.getHeader("X-Leadrelay-Signature")).isEqualTo("sha256=" + hmac(secret, request.getBody()));
        }
        assertThat(got.get(0).getBodyAsString()).contains("\"contact\"").contains("Anna Schmidt");
        assertThat(got.get(2).getBodyAsString()).doesNotContain("Anna");

        // The broken endpoint was retried, then the delivery was dead-lettered with its delivery id.
        var dlq = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(consumerProps(),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        try (dlq) {
            var partitions = dlq.partitionsFor(Topics.LEADS_ASSIGNMENTS.deadLetter().name()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            dlq.assign(partitions);
            dlq.seekToBeginning(partitions);
            await().atMost(WAIT).until(() -> {
                for (var record : dlq.poll(Duration.ofMillis(200))) {
                    if (brokenLead.equals(record.key()) && record.headers().lastHeader(WebhookDispatcher.DELIVERY_ID_HEADER) != null) {
                        assertThat(new String(record.headers().lastHeader(DeadLetterHeaders.MESSAGE).value(),
                                StandardCharsets.UTF_8)).contains("HTTP 503");
                        return true;
                    }
                }
                return false;
            });
        }
        assertThat(deliveriesTo("/broken", brokenLead).size()).isGreaterThanOrEqualTo(3);
        partnerSystems.verify(postRequestedFor(urlEqualTo("/ok")).withHeader("Content-Type", equalTo("application/json")));

        // Deliveries are counted per partner and outcome.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(deliveryCount(good, "delivered")).isEqualTo(3.0);
            assertThat(deliveryCount(broken, "dead_lettered")).isEqualTo(1.0);
            assertThat(deliveryCount(broken, "delivered")).isZero();
        });
    }

    private static double deliveryCount(String partnerId, String outcome) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("leadrelay_webhook_deliveries_total{"))
                .filter(line -> line.contains("partner=\"" + partnerId + "\"") && line.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static java.util.Properties consumerProps() {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", TestKafka.bootstrap());
        return props;
    }
}
