package io.leadrelay.feedback.partner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.feedback.support.FakeRouting;
import io.leadrelay.feedback.support.TestKafka;
import io.leadrelay.feedback.support.Tokens;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.FeedbackType;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.PartnerReturn;
import io.leadrelay.schemas.ReturnReason;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.LeadrelayTestResource;
import io.leadrelay.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(LeadrelayTestResource.class)
class PartnerApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private String partnerId;
    private String token;

    @BeforeEach
    void partner() {
        partnerId = Assignments.newPartnerId();
        token = Tokens.partner(partnerId);
    }

    private RequestSpecification as(String bearer) {
        return given().header("Authorization", Tokens.bearer(bearer)).contentType("application/json");
    }

    private void awaitInInbox(String leadId, String state) {
        await().atMost(WAIT).untilAsserted(() -> as(token).get("/api/v1/partner/leads/" + leadId)
                .then().statusCode(200).body("state", equalTo(state)));
    }

    @Test
    void inboxShowsOffersWithWhatThePartnerNeedsAndNothingOfOtherPartners() {
        String mine = Assignments.newLeadId();
        String theirs = Assignments.newLeadId();
        Assignments.offered(mine, partnerId);
        Assignments.assigned(theirs, Assignments.newPartnerId());
        awaitInInbox(mine, "OFFERED");

        as(token).get("/api/v1/partner/leads").then().statusCode(200)
                .body("leadId", hasItem(mine))
                .body("leadId", not(hasItem(theirs)))
                .body("find { it.leadId == '" + mine + "' }.contact.name", equalTo("Anna Schmidt"))
                .body("find { it.leadId == '" + mine + "' }.company.postalCode", equalTo("80538"))
                .body("find { it.leadId == '" + mine + "' }.qualification.purchaseDecision", equalTo("2027-06-30"))
                .body("find { it.leadId == '" + mine + "' }.quality.grade", equalTo("A"))
                .body("find { it.leadId == '" + mine + "' }.history.attempt", equalTo(2))
                .body("find { it.leadId == '" + mine + "' }.history.previousReturnReasons", equalTo(List.of("NO_CAPACITY")));
        as(token).get("/api/v1/partner/leads/" + theirs).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void inboxFiltersByStateAndDropsWithdrawnAndErasedLeads() {
        String offered = Assignments.newLeadId();
        String assigned = Assignments.newLeadId();
        String withdrawn = Assignments.newLeadId();
        String erased = Assignments.newLeadId();
        Assignments.offered(offered, partnerId);
        Assignments.assigned(assigned, partnerId);
        Assignments.offered(withdrawn, partnerId);
        Assignments.withdrawn(withdrawn, partnerId);
        Assignments.assigned(erased, partnerId);
        Assignments.write(Assignments.event(AssignmentEventType.ERASED, erased, partnerId, LeadState.ERASED).build());
        awaitInInbox(assigned, "ASSIGNED");
        await().atMost(WAIT).untilAsserted(() -> as(token).get("/api/v1/partner/leads/" + erased).then().statusCode(404));

        as(token).queryParam("state", "ASSIGNED").get("/api/v1/partner/leads").then().statusCode(200)
                .body("leadId", equalTo(List.of(assigned)));
        as(token).get("/api/v1/partner/leads").then().statusCode(200)
                .body("leadId", equalTo(List.of(offered, assigned)));
        as(token).get("/api/v1/partner/leads/" + withdrawn).then().statusCode(404);
        as(token).queryParam("state", "WON").get("/api/v1/partner/leads").then().statusCode(422)
                .body("errors[0].field", equalTo("state"));
    }

    @Test
    void acceptAnswersWithTheNewStateAndGetShowsItRightAway() {
        String leadId = Assignments.newLeadId();
        FakeRouting.get().agree(leadId);
        Assignments.offered(leadId, partnerId);
        awaitInInbox(leadId, "OFFERED");

        as(token).post("/api/v1/partner/leads/" + leadId + "/accept").then().statusCode(200)
                .body("state", equalTo("ACCEPTED")).body("lead.state", equalTo("ACCEPTED"));
        as(token).get("/api/v1/partner/leads/" + leadId).then().statusCode(200).body("state", equalTo("ACCEPTED"));

        try (TopicProbe<LeadFeedback> feedback = TestKafka.probe(Topics.LEADS_FEEDBACK)) {
            LeadFeedback accept = feedback.await(r -> r.key().equals(leadId), 1, WAIT).get(0).value();
            assertThat(accept.getType()).isEqualTo(FeedbackType.ACCEPT);
            assertThat(accept.getPartnerId()).isEqualTo(partnerId);
            assertThat(accept.getActor().getType()).isEqualTo("PARTNER");
        }
    }

    @Test
    void acceptThatLostTheRaceIsAConflictWithTheCurrentState() {
        String leadId = Assignments.newLeadId();
        FakeRouting.get().reject(leadId, "OFFER_TAKEN", LeadState.ASSIGNED);
        Assignments.offered(leadId, partnerId);
        awaitInInbox(leadId, "OFFERED");

        as(token).post("/api/v1/partner/leads/" + leadId + "/accept").then().statusCode(409)
                .contentType("application/problem+json")
                .body("reason", equalTo("OFFER_TAKEN")).body("state", equalTo("ASSIGNED"));
    }

    @Test
    void returnWithReasonGoesToRoutingWithThePartnerFromTheCredential() {
        String leadId = Assignments.newLeadId();
        FakeRouting.get().agree(leadId);
        Assignments.assigned(leadId, partnerId);
        awaitInInbox(leadId, "ASSIGNED");

        as(token).body("{\"reason\": \"OUT_OF_TERRITORY\", \"comment\": \"Austria only\"}")
                .post("/api/v1/partner/leads/" + leadId + "/return").then().statusCode(200)
                .body("state", equalTo("RETURNED"));
        as(token).get("/api/v1/partner/leads").then().body("leadId", not(hasItem(leadId)));
        as(token).get("/api/v1/partner/leads/" + leadId).then().statusCode(200).body("state", equalTo("RETURNED"))
                .body("contact", equalTo(null));

        try (TopicProbe<PartnerReturn> returns = TestKafka.probe(Topics.LEADS_RETURNS)) {
            PartnerReturn returned = returns.await(r -> r.key().equals(leadId), 1, WAIT).get(0).value();
            assertThat(returned.getReason()).isEqualTo(ReturnReason.OUT_OF_TERRITORY);
            assertThat(returned.getPartnerId()).isEqualTo(partnerId);
            assertThat(returned.getComment()).isEqualTo("Austria only");
        }
        // Returned: nothing more to do with it.
        as(token).post("/api/v1/partner/leads/" + leadId + "/accept").then().statusCode(409)
                .body("state", equalTo("RETURNED"));
    }

    @Test
    void returnNeedsAKnownReasonAndACommentForOtherAndWritesNothingOtherwise() {
        String leadId = Assignments.newLeadId();
        FakeRouting.get().agree(leadId);
        Assignments.assigned(leadId, partnerId);
        awaitInInbox(leadId, "ASSIGNED");

        as(token).body("{\"reason\": \"OTHER\"}").post("/api/v1/partner/leads/" + leadId + "/return").then()
                .statusCode(422).contentType("application/problem+json").body("errors.field", equalTo(List.of("comment")));
        as(token).body("{\"reason\": \"OTHER\", \"comment\": \"  \"}").post("/api/v1/partner/leads/" + leadId + "/return")
                .then().statusCode(422).body("errors.field", hasItem("comment"));
        as(token).body("{\"reason\": \"KEIN_LEAD\", \"comment\": \"spam\"}")
                .post("/api/v1/partner/leads/" + leadId + "/return").then().statusCode(422)
                .body("errors.field", equalTo(List.of("reason")));
        try (TopicProbe<PartnerReturn> returns = TestKafka.probe(Topics.LEADS_RETURNS)) {
            assertThat(returns.settle(r -> r.key().equals(leadId), Duration.ofSeconds(1))).isEmpty();
        }

        as(token).body("{\"reason\": \"OTHER\", \"comment\": \"Customer asked for a direct contact\"}")
                .post("/api/v1/partner/leads/" + leadId + "/return").then().statusCode(200)
                .body("state", equalTo("RETURNED"));
    }

    @Test
    void progressAndCloseOnAnAcceptedLead() {
        String leadId = Assignments.newLeadId();
        FakeRouting.get().agree(leadId);
        Assignments.assigned(leadId, partnerId);
        Assignments.accepted(leadId, partnerId);
        awaitInInbox(leadId, "ACCEPTED");

        as(token).body("{\"note\": \"Demo done\", \"expectedCloseDate\": \"2099-03-31\", \"value\": 98000}")
                .post("/api/v1/partner/leads/" + leadId + "/progress").then().statusCode(200)
                .body("state", equalTo("ACCEPTED"));
        as(token).body("{\"outcome\": \"LOST\", \"note\": \"no\"}")
                .post("/api/v1/partner/leads/" + leadId + "/close").then().statusCode(422)
                .body("errors.field", hasItem("lostReason"));
        as(token).body("{\"outcome\": \"WON\", \"value\": 98000, \"currency\": \"EUR\", \"note\": \"Signed\"}")
                .post("/api/v1/partner/leads/" + leadId + "/close").then().statusCode(200)
                .body("state", equalTo("WON"));
        as(token).get("/api/v1/partner/leads/" + leadId).then().statusCode(200).body("state", equalTo("WON"));

        try (TopicProbe<LeadFeedback> feedback = TestKafka.probe(Topics.LEADS_FEEDBACK)) {
            var records = feedback.await(r -> r.key().equals(leadId), 2, WAIT);
            assertThat(records).extracting(r -> r.value().getType()).containsExactly(FeedbackType.PROGRESS, FeedbackType.WON);
            assertThat(records.get(0).value().getExpectedCloseDate()).hasToString("2099-03-31");
            assertThat(records.get(1).value().getValue().getAmount()).isEqualByComparingTo("98000");
        }
    }

    @Test
    void closeBeforeAcceptIsAConflictAndNothingIsWritten() {
        String leadId = Assignments.newLeadId();
        FakeRouting.get().agree(leadId);
        Assignments.assigned(leadId, partnerId);
        awaitInInbox(leadId, "ASSIGNED");

        as(token).body("{\"outcome\": \"WON\", \"value\": 1000}")
                .post("/api/v1/partner/leads/" + leadId + "/close").then().statusCode(409)
                .body("state", equalTo("ASSIGNED")).body("reason", equalTo("NOT_ALLOWED_IN_STATE"));
        try (TopicProbe<LeadFeedback> feedback = TestKafka.probe(Topics.LEADS_FEEDBACK)) {
            assertThat(feedback.settle(r -> r.key().equals(leadId), Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void slowRoutingGives202WithAStatusLinkThatLaterShowsTheOutcome() {
        String leadId = Assignments.newLeadId();
        FakeRouting.get().silent(leadId);
        Assignments.offered(leadId, partnerId);
        awaitInInbox(leadId, "OFFERED");

        var pending = as(token).post("/api/v1/partner/leads/" + leadId + "/accept").then().statusCode(202)
                .body("status", equalTo("PENDING")).extract();
        String statusUrl = pending.header("Location");
        String requestId = pending.path("requestId");
        assertThat(statusUrl).endsWith("/api/v1/partner/requests/" + requestId);
        as(token).get("/api/v1/partner/requests/" + requestId).then().statusCode(200).body("status", equalTo("PENDING"));
        // Another partner cannot look at it.
        as(Tokens.partner(Assignments.newPartnerId())).get("/api/v1/partner/requests/" + requestId).then().statusCode(404);

        // Routing answers late.
        Assignments.write(FakeRouting.effect(new FakeRouting.Action(requestId, leadId, partnerId, "ACCEPT")));
        await().atMost(WAIT).untilAsserted(() -> as(token).get("/api/v1/partner/requests/" + requestId).then()
                .statusCode(200).body("status", equalTo("DONE")).body("state", equalTo("ACCEPTED")));
        as(token).get("/api/v1/partner/leads/" + leadId).then().body("state", equalTo("ACCEPTED"));
    }
}
