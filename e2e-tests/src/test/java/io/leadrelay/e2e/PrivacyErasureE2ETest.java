package io.leadrelay.e2e;

import static io.leadrelay.e2e.Pipeline.FLOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.catalog.Topics;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Privacy erasure of a person across the running services, as the contract's admin path triggers it. */
class PrivacyErasureE2ETest {

    private static Pipeline pipeline;

    @BeforeAll
    static void startPipeline() {
        pipeline = Pipeline.shared();
    }

    @Test
    void erasingAPersonRemovesTheirDataFromTheLeadAndTellsThePartnerThatHadIt() {
        Scenario s = new Scenario("erasure", "87");
        pipeline.putCompany(s.domain, 42_000_000, 180);
        pipeline.putPartner(s.partnerId, List.of(s.postalPrefix), s.product, "PT48H");
        String token = pipeline.partnerToken(s.partnerId);
        String person = "jana";
        String email = s.email(person);

        String leadId = pipeline.submitJson(s.jsonLead(person, LocalDate.now().plusMonths(7)));
        pipeline.awaitInbox(token, leadId);
        Response accept = pipeline.partner(token, "POST", "/leads/" + leadId + "/accept", null);
        assertThat(accept.statusCode()).as(accept.asString()).isEqualTo(200);
        // Partners write about the person in their notes: the history carries PII until the erasure.
        String note = "Called " + email + ", demo on site next week";
        Response progress = pipeline.partner(token, "POST", "/leads/" + leadId + "/progress",
                Map.of("note", note, "expectedCloseDate", LocalDate.now().plusMonths(3).toString(), "value", 98000));
        assertThat(progress.statusCode()).as(progress.asString()).isBetween(200, 202);
        pipeline.awaitLead(leadId, v -> assertThat(v.getList("history.reasonText")).contains(note));

        // As an admin pastes it from a customer's letter: the domain's case does not matter.
        Response erasure = pipeline.erase(person + "." + s.tag + "@" + s.domain.toUpperCase(Locale.ROOT));
        assertThat(erasure.statusCode()).as(erasure.asString()).isEqualTo(202);

        JsonPath erased = pipeline.awaitLead(leadId, v -> {
            assertThat(v.getString("state")).isEqualTo("ERASED");
            assertThat(v.getList("history.to", String.class)).endsWith("ERASED");
        });
        assertThat(erased.getString("owner.partnerId")).isNull();
        String view = pipeline.leadResponse(leadId).asString();
        assertThat(view).as("lead view after the erasure").doesNotContain(email).doesNotContain(person)
                .doesNotContain(note).doesNotContain("1234567");

        try (var assignments = pipeline.probe(Topics.LEADS_ASSIGNMENTS)) {
            ConsumerRecord<String, AssignmentEvent> told = assignments.await(r -> leadId.equals(r.key())
                    && r.value().getType() == AssignmentEventType.ERASED, 1, FLOW).get(0);
            assertThat(told.value().getPartnerId()).isEqualTo(s.partnerId);
            assertThat(new String(told.headers().lastHeader(Topics.PARTNER_ID_HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo(s.partnerId);
            assertThat(told.value().getContact()).as("an erasure event carries no personal data").isNull();
        }
        pipeline.awaitGoneFromInbox(token, leadId);
        assertThat(pipeline.partner(token, "GET", "/leads/" + leadId, null).statusCode()).isEqualTo(404);
    }
}
