package io.leadrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.CustomerHandoff;
import io.leadrelay.schemas.NurtureHandoff;
import io.leadrelay.schemas.QualifiedLead;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.ConfluentWireReader;
import io.leadrelay.testsupport.TopicProbe;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The four handovers across the running services, through the contract's HTTP paths and topics only. Every
 * scenario uses its own product line, postal area and company, so scenarios never see each other's partners.
 */
class HandoversE2ETest {

    private static final Duration FLOW = Pipeline.FLOW;
    private static Pipeline pipeline;

    @BeforeAll
    static void startPipeline() {
        pipeline = Pipeline.shared();
    }

    @Test
    void webFormLeadOfAKnownMidSizeCompanyGoesFromFormToCustomer() throws Exception {
        Scenario s = new Scenario("happy", "97");
        pipeline.putCompany(s.domain, 42_000_000, 180);
        pipeline.putPartner(s.partnerId, List.of(s.postalPrefix), s.product, "PT48H");
        String token = pipeline.partnerToken(s.partnerId);

        String leadId = pipeline.submitForm(s.formLead("anna", LocalDate.now().plusMonths(7)));

        JsonPath routed = pipeline.awaitState(leadId, Set.of("ASSIGNED", "OFFERED"));
        assertThat(routed.getString("owner.partnerId")).isEqualTo(s.partnerId);
        pipeline.awaitInbox(token, leadId);

        try (var assignments = pipeline.probe(Topics.LEADS_ASSIGNMENTS);
                var raw = rawProbe(Topics.LEADS_ASSIGNMENTS.name())) {
            ConsumerRecord<String, AssignmentEvent> offer = assignments.await(r -> leadId.equals(r.key())
                    && Set.of(AssignmentEventType.ASSIGNED, AssignmentEventType.OFFERED).contains(r.value().getType()),
                    1, FLOW).get(0);
            assertThat(new String(offer.headers().lastHeader(Topics.PARTNER_ID_HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo(s.partnerId);
            byte[] wire = raw.await(r -> leadId.equals(r.key()), 1, FLOW).get(0).value();
            GenericRecord decoded = new ConfluentWireReader(pipeline.stack.registryCcompatUrl()).read(wire);
            assertThat(decoded.get("partnerId").toString()).isEqualTo(s.partnerId);
        }

        Response accept = pipeline.partner(token, "POST", "/leads/" + leadId + "/accept", null);
        assertThat(accept.statusCode()).as(accept.asString()).isEqualTo(200);
        assertThat(pipeline.partner(token, "GET", "/leads/" + leadId, null).jsonPath().getString("state"))
                .isEqualTo("ACCEPTED");
        Response progress = pipeline.partner(token, "POST", "/leads/" + leadId + "/progress",
                Map.of("note", "Demo done", "expectedCloseDate", LocalDate.now().plusMonths(3).toString(), "value", 98000));
        assertThat(progress.statusCode()).as(progress.asString()).isBetween(200, 202);
        Response close = pipeline.partner(token, "POST", "/leads/" + leadId + "/close",
                Map.of("outcome", "WON", "value", 98000, "currency", "EUR", "note", "Signed"));
        assertThat(close.statusCode()).as(close.asString()).isEqualTo(200);

        try (var customers = pipeline.probe(Topics.LEADS_CUSTOMERS)) {
            CustomerHandoff won = customers.await(r -> leadId.equals(r.key()), 1, FLOW).get(0).value();
            assertThat(won.getPartnerId()).isEqualTo(s.partnerId);
            assertThat(won.getValue().getAmount()).isEqualByComparingTo("98000");
        }
        // The history is built from leads.lifecycle, so it may trail the state by a moment.
        JsonPath view = pipeline.awaitLead(leadId, v -> assertThat(v.getList("history.to", String.class))
                .containsSubsequence("MQL", "SQL", routed.getString("state"), "ACCEPTED", "WON", "CUSTOMER"));
        assertThat(view.getString("state")).isEqualTo("CUSTOMER");
        assertThat(view.getList("history.reason", String.class)).allSatisfy(reason -> assertThat(reason).isNotBlank());
    }

    @Test
    void companyAboveTheRevenueThresholdGoesDirectAndIsNeverOfferedToAPartner() {
        Scenario s = new Scenario("direct", "96");
        pipeline.putCompany(s.domain, 120_000_000, 900);
        pipeline.putPartner(s.partnerId, List.of(s.postalPrefix), s.product, "PT48H");

        String leadId = pipeline.submitJson(s.jsonLead("bernd", LocalDate.now().plusMonths(7)));

        JsonPath view = pipeline.awaitState(leadId, Set.of("DIRECT"));
        assertThat(view.getString("owner.type")).isEqualTo("DIRECT");
        try (var direct = pipeline.probe(Topics.LEADS_DIRECT);
                var assignments = pipeline.probe(Topics.LEADS_ASSIGNMENTS)) {
            QualifiedLead handed = direct.await(r -> leadId.equals(r.key()), 1, FLOW).get(0).value();
            assertThat(handed.getCompany().getAnnualRevenue().getAmount()).isEqualByComparingTo("120000000");
            assertThat(assignments.settle(r -> leadId.equals(r.key()), Duration.ofSeconds(3))).isEmpty();
        }
    }

    @Test
    void decisionFourteenMonthsOutGoesToNurtureDueEightMonthsBeforeTheDecision() {
        Scenario s = new Scenario("nurture", "95");
        pipeline.putCompany(s.domain, 20_000_000, 120);
        LocalDate decision = LocalDate.now().plusMonths(14);

        String leadId = pipeline.submitJson(s.jsonLead("carla", decision));

        try (var nurture = pipeline.probe(Topics.LEADS_NURTURE)) {
            NurtureHandoff handoff = nurture.await(r -> leadId.equals(r.key()), 1, FLOW).get(0).value();
            assertThat(handoff.getDueDate()).isEqualTo(decision.minusMonths(8));
        }
    }

    @Test
    void theSamePersonSubmittingTwiceIsOneLeadWithOneAssignment() {
        Scenario s = new Scenario("merge", "94");
        pipeline.putCompany(s.domain, 30_000_000, 150);
        pipeline.putPartner(s.partnerId, List.of(s.postalPrefix), s.product, "PT48H");

        String first = pipeline.submitJson(s.jsonLead("dora", LocalDate.now().plusMonths(7)));
        pipeline.awaitState(first, Set.of("ASSIGNED", "OFFERED"));
        String second = pipeline.submitJson(s.jsonLead("dora", LocalDate.now().plusMonths(7)));

        assertThat(second).isNotEqualTo(first);
        try (var assignments = pipeline.probe(Topics.LEADS_ASSIGNMENTS)) {
            assignments.await(r -> first.equals(r.key()), 1, FLOW);
            assertThat(assignments.settle(r -> second.equals(r.key()), Duration.ofSeconds(5))).isEmpty();
            assertThat(assignments.settle(r -> first.equals(r.key())
                    && r.value().getType() == AssignmentEventType.ASSIGNED
                    || first.equals(r.key()) && r.value().getType() == AssignmentEventType.OFFERED,
                    Duration.ofSeconds(1))).hasSize(1);
        }
    }

    @Test
    void returnReasonsAndALostDealSendTheLeadWhereTheContractSays() {
        Scenario s = new Scenario("outcomes", "92");
        pipeline.putCompany(s.domain, 35_000_000, 160);
        pipeline.putPartner(s.partnerId, List.of(s.postalPrefix), s.product, "PT48H");
        String token = pipeline.partnerToken(s.partnerId);

        String spam = acceptedLead(s, "fritz", token);
        String tooEarly = acceptedLead(s, "gina", token);
        String lost = acceptedLead(s, "hans", token);

        assertThat(pipeline.partner(token, "POST", "/leads/" + spam + "/return",
                Map.of("reason", "NOT_A_LEAD", "comment", "fake contact data")).statusCode()).isEqualTo(200);
        assertThat(pipeline.partner(token, "POST", "/leads/" + tooEarly + "/return",
                Map.of("reason", "NOT_READY", "comment", "decision postponed to 2028")).statusCode()).isEqualTo(200);
        assertThat(pipeline.partner(token, "POST", "/leads/" + lost + "/close",
                Map.of("outcome", "LOST", "lostReason", "PRICE", "note", "went with the cheaper offer"))
                .statusCode()).isEqualTo(200);

        pipeline.awaitState(spam, Set.of("DISQUALIFIED"));
        pipeline.awaitState(tooEarly, Set.of("NURTURE"));
        pipeline.awaitState(lost, Set.of("NURTURE"));
        try (var nurture = pipeline.probe(Topics.LEADS_NURTURE)) {
            assertThat(nurture.await(r -> lost.equals(r.key()), 1, FLOW).get(0).value().getFromState().toString())
                    .isEqualTo("LOST");
            nurture.await(r -> tooEarly.equals(r.key()), 1, FLOW);
        }
        assertThat(pipeline.partner(token, "GET", "/leads", null).jsonPath().getList("leadId", String.class))
                .doesNotContain(spam, tooEarly, lost);
    }

    private static String acceptedLead(Scenario s, String person, String token) {
        String leadId = pipeline.submitJson(s.jsonLead(person, LocalDate.now().plusMonths(7)));
        pipeline.awaitInbox(token, leadId);
        Response accept = pipeline.partner(token, "POST", "/leads/" + leadId + "/accept", null);
        assertThat(accept.statusCode()).as(accept.asString()).isEqualTo(200);
        return leadId;
    }

    @Test
    void partnerBCannotReadAcceptReturnOrClosePartnerAsLead() {
        Scenario s = new Scenario("isolation", "93");
        pipeline.putCompany(s.domain, 25_000_000, 140);
        pipeline.putPartner(s.partnerId, List.of(s.postalPrefix), s.product, "PT48H");
        String intruderId = s.partnerId + "-b";
        pipeline.putPartner(intruderId, List.of("10"), s.product + "-other", "PT48H");
        String owner = pipeline.partnerToken(s.partnerId);
        String intruder = pipeline.partnerToken(intruderId);

        String leadId = pipeline.submitJson(s.jsonLead("emil", LocalDate.now().plusMonths(7)));
        pipeline.awaitInbox(owner, leadId);

        assertThat(pipeline.partner(intruder, "GET", "/leads/" + leadId, null).statusCode()).isEqualTo(404);
        assertThat(pipeline.partner(intruder, "POST", "/leads/" + leadId + "/accept", null).statusCode()).isEqualTo(404);
        assertThat(pipeline.partner(intruder, "POST", "/leads/" + leadId + "/return",
                Map.of("reason", "NO_CAPACITY", "comment", "not mine")).statusCode()).isEqualTo(404);
        assertThat(pipeline.partner(intruder, "POST", "/leads/" + leadId + "/close",
                Map.of("outcome", "LOST", "lostReason", "PRICE")).statusCode()).isEqualTo(404);
        List<String> intruderInbox = pipeline.partner(intruder, "GET", "/leads", null).jsonPath().getList("leadId");
        assertThat(intruderInbox).doesNotContain(leadId);
        assertThat(pipeline.partner(owner, "GET", "/leads/" + leadId, null).statusCode()).isEqualTo(200);
    }

    private static TopicProbe<byte[]> rawProbe(String topic) {
        return TopicProbe.raw(pipeline.stack.kafkaBootstrap(), topic);
    }
}
