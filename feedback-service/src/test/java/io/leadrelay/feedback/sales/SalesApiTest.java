package io.leadrelay.feedback.sales;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.feedback.support.Leads;
import io.leadrelay.feedback.support.Lifecycle;
import io.leadrelay.feedback.support.TestKafka;
import io.leadrelay.feedback.support.Tokens;
import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.Channel;
import io.leadrelay.schemas.FeedbackType;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.catalog.Topics;
import io.leadrelay.testsupport.LeadrelayTestResource;
import io.leadrelay.testsupport.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(LeadrelayTestResource.class)
class SalesApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static void lifecycle(String leadId, LeadState from, LeadState to, String reason, boolean rejected) {
        Lifecycle.write(leadId, from, to, reason, rejected);
    }

    static void mql(String leadId) {
        TestKafka.write(Topics.LEADS_MQL, leadId, Leads.qualified(leadId, Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build(), null);
    }

    @Test
    void queueShowsWaitingLeadsWithWhyAndDecisionsGoToFeedback() {
        String waiting = Assignments.newLeadId();
        String review = Assignments.newLeadId();
        String handedOver = Assignments.newLeadId();
        String spam = Assignments.newLeadId();
        mql(waiting);
        lifecycle(spam, LeadState.RECEIVED, LeadState.MQL, "MQL_NEEDS_PERSON", false);
        lifecycle(waiting, LeadState.RECEIVED, LeadState.MQL, "MQL_NEEDS_PERSON", false);
        lifecycle(waiting, LeadState.MQL, LeadState.MQL, "DECISION_REJECTED", true);
        lifecycle(review, LeadState.RETURNED, LeadState.SALES_REVIEW, "RETURNED:UNREACHABLE", false);
        lifecycle(handedOver, LeadState.MQL, LeadState.SQL, "SQL_RULE", false);
        String token = Tokens.sales("sales-user-1");
        var sales = given().header("Authorization", Tokens.bearer(token)).contentType("application/json");

        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", Tokens.bearer(token))
                .get("/api/v1/sales/queue?limit=1000").then().statusCode(200)
                .body("leadId", hasItem(waiting)).body("leadId", hasItem(review)).body("leadId", hasItem(spam)));
        var queue = given().header("Authorization", Tokens.bearer(token)).get("/api/v1/sales/queue?limit=1000").then()
                .body("leadId", not(hasItem(handedOver))).extract();
        Map<String, Object> item = queue.path("find { it.leadId == '" + waiting + "' }");
        assertThat(item).containsEntry("state", "MQL");
        assertThat(queue.<String>path("find { it.leadId == '" + waiting + "' }.why.reason")).isEqualTo("MQL_NEEDS_PERSON");
        assertThat(queue.<String>path("find { it.leadId == '" + waiting + "' }.why.details.ruleVersion")).isEqualTo("7");
        assertThat(queue.<String>path("find { it.leadId == '" + waiting + "' }.company.name")).isEqualTo("Example GmbH");
        assertThat(queue.<List<String>>path("find { it.leadId == '" + waiting + "' }.criteriaMissing")).containsExactly("currentProduct");
        assertThat(queue.<String>path("find { it.leadId == '" + review + "' }.why.reason")).isEqualTo("RETURNED:UNREACHABLE");

        sales.body("{\"channel\": \"PARTNER\", \"partnerId\": \"p-muc-01\", \"note\": \"knows them\"}")
                .post("/api/v1/sales/leads/" + waiting + "/qualify").then().statusCode(202)
                .body("decision", equalTo("QUALIFY"));
        sales.body("{\"reason\": \"budget next year\"}").post("/api/v1/sales/leads/" + review + "/nurture")
                .then().statusCode(202);
        sales.body("{\"reason\": \"fake company\"}").post("/api/v1/sales/leads/" + spam + "/disqualify")
                .then().statusCode(202).body("decision", equalTo("DISQUALIFY"));
        sales.body("{\"reason\": \"spam\"}").post("/api/v1/sales/leads/" + handedOver + "/disqualify")
                .then().statusCode(409).body("state", equalTo("SQL"));
        sales.body("{\"reason\": \"spam\"}").post("/api/v1/sales/leads/" + Assignments.newLeadId() + "/disqualify")
                .then().statusCode(404);
        sales.body("{\"channel\": \"DIRECT\", \"partnerId\": \"p-muc-01\"}").post("/api/v1/sales/leads/" + waiting + "/qualify")
                .then().statusCode(422).body("errors[0].field", equalTo("partnerId"));
        sales.body("{}").post("/api/v1/sales/leads/" + review + "/nurture").then().statusCode(422)
                .body("errors[0].field", equalTo("reason"));

        try (TopicProbe<LeadFeedback> feedback = TestKafka.probe(Topics.LEADS_FEEDBACK)) {
            LeadFeedback qualify = feedback.await(r -> r.key().equals(waiting), 1, WAIT).get(0).value();
            assertThat(qualify.getType()).isEqualTo(FeedbackType.QUALIFY);
            assertThat(qualify.getPinnedPartnerId()).isEqualTo("p-muc-01");
            assertThat(qualify.getChannel()).isEqualTo(Channel.PARTNER);
            assertThat(qualify.getActor()).isEqualTo(new Actor("SALES", "sales-user-1"));
            LeadFeedback nurture = feedback.await(r -> r.key().equals(review), 1, WAIT).get(0).value();
            assertThat(nurture.getType()).isEqualTo(FeedbackType.NURTURE);
            assertThat(nurture.getReason()).isEqualTo("budget next year");
            LeadFeedback disqualify = feedback.await(r -> r.key().equals(spam), 1, WAIT).get(0).value();
            assertThat(disqualify.getType()).isEqualTo(FeedbackType.DISQUALIFY);
            assertThat(disqualify.getReason()).isEqualTo("fake company");
            assertThat(feedback.settle(r -> r.key().equals(handedOver), Duration.ofMillis(500))).isEmpty();
        }
    }
}
