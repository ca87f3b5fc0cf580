package io.leadrelay.e2e;

import static io.leadrelay.e2e.Pipeline.FLOW;
import static io.leadrelay.e2e.Pipeline.MAX_ATTEMPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.catalog.Topics;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Handovers 2 and 3 where several partners meet one lead: an offer race, returns until the attempts run out, and
 * an accept SLA that expires. Through the contract's HTTP paths and {@code leads.assignments} only.
 */
class PartnerChannelE2ETest {

    private static final Set<AssignmentEventType> DELIVERIES = Set.of(AssignmentEventType.OFFERED,
            AssignmentEventType.ASSIGNED);

    private static Pipeline pipeline;

    @BeforeAll
    static void startPipeline() {
        pipeline = Pipeline.shared();
    }

    @Test
    void offerToThreePartnersGoesToOneOfTwoConcurrentAcceptsAndIsWithdrawnFromTheOthers() throws Exception {
        Scenario s = new Scenario("race", "91");
        // A small company makes a grade-B lead: inside sales qualifies it, and routing offers it rather than assigns.
        pipeline.putCompany(s.domain, 3_000_000, 20);
        Map<String, String> tokens = pipeline.putPartners(s, 3, "PT48H");
        String sales = pipeline.salesToken("sales-" + s.tag);

        String leadId = pipeline.submitJson(s.jsonLead("ines", LocalDate.now().plusMonths(7)));
        pipeline.awaitSalesQueue(sales, leadId, "MQL");
        Response qualified = pipeline.sales(sales, "POST", "/leads/" + leadId + "/qualify",
                Map.of("note", "Project for the partner channel"));
        assertThat(qualified.statusCode()).as(qualified.asString()).isEqualTo(202);

        JsonPath offered = pipeline.awaitLead(leadId, v -> assertThat(
                v.getList("history.find { it.to == 'OFFERED' }?.details?.plan?.partners", String.class))
                .containsExactlyInAnyOrderElementsOf(tokens.keySet()));
        assertThat(offered.getString("state")).isEqualTo("OFFERED");
        assertThat(offered.getString("grade")).isEqualTo("B");
        tokens.values().forEach(token -> pipeline.awaitInbox(token, leadId));

        List<String> partners = List.copyOf(tokens.keySet());
        String bystander = partners.get(2);
        Map<String, Response> answers = acceptAtOnce(leadId, Map.of(partners.get(0), tokens.get(partners.get(0)),
                partners.get(1), tokens.get(partners.get(1))));

        assertThat(answers.values()).as(describe(answers)).extracting(Response::statusCode)
                .containsExactlyInAnyOrder(200, 409);
        String winner = answers.entrySet().stream().filter(e -> e.getValue().statusCode() == 200).findFirst()
                .orElseThrow().getKey();
        String loser = partners.get(0).equals(winner) ? partners.get(1) : partners.get(0);
        assertThat(answers.get(winner).jsonPath().getString("state")).isEqualTo("ACCEPTED");
        Response refused = answers.get(loser);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("reason")).isEqualTo("OFFER_TAKEN");

        JsonPath view = pipeline.awaitLead(leadId, v -> assertThat(v.getList("history.to", String.class))
                .containsSubsequence("MQL", "SQL", "OFFERED", "ASSIGNED", "ACCEPTED"));
        assertThat(view.getString("state")).isEqualTo("ACCEPTED");
        assertThat(view.getString("owner.partnerId")).isEqualTo(winner);

        List<AssignmentEvent> events = assignmentEvents(leadId, e -> e.getType() == AssignmentEventType.ACCEPTED);
        assertThat(partnersOf(events, AssignmentEventType.OFFERED)).containsExactlyInAnyOrderElementsOf(partners);
        assertThat(partnersOf(events, AssignmentEventType.ACCEPTED)).containsExactly(winner);
        assertThat(events).filteredOn(e -> e.getType() == AssignmentEventType.WITHDRAWN)
                .extracting(AssignmentEvent::getPartnerId, AssignmentEvent::getReason)
                .containsExactlyInAnyOrder(tuple(loser, "OFFER_TAKEN"), tuple(bystander, "OFFER_TAKEN"));

        pipeline.awaitGoneFromInbox(tokens.get(bystander), leadId);
        pipeline.awaitGoneFromInbox(tokens.get(loser), leadId);
        Response late = pipeline.partner(tokens.get(bystander), "POST", "/leads/" + leadId + "/accept", null);
        assertThat(late.statusCode()).as(late.asString()).isEqualTo(409);
        assertThat(pipeline.partner(tokens.get(winner), "GET", "/leads/" + leadId, null).jsonPath()
                .getString("state")).isEqualTo("ACCEPTED");
    }

    @Test
    void projectMismatchGoesToAFreshPartnerUntilTheAttemptsRunOutThenToThePartnerSalesPins() {
        Scenario s = new Scenario("returns", "89");
        // Grade A: each attempt is an assignment to one partner, so each return hands the lead on.
        pipeline.putCompany(s.domain, 42_000_000, 180);
        Map<String, String> tokens = pipeline.putPartners(s, MAX_ATTEMPTS + 1, "PT48H");
        String sales = pipeline.salesToken("sales-" + s.tag);

        String leadId = pipeline.submitJson(s.jsonLead("jakob", LocalDate.now().plusMonths(7)));

        List<String> holders = new ArrayList<>();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            int expected = attempt;
            JsonPath view = pipeline.awaitLead(leadId, v -> assertThat(v.getInt("attempts")).isEqualTo(expected));
            assertThat(view.getString("state")).isEqualTo("ASSIGNED");
            String holder = view.getString("owner.partnerId");
            assertThat(holders).as("attempt %d goes to a partner that never had the lead", attempt)
                    .doesNotContain(holder);
            holders.add(holder);

            pipeline.awaitInbox(tokens.get(holder), leadId);
            JsonPath item = pipeline.partner(tokens.get(holder), "GET", "/leads/" + leadId, null).jsonPath();
            assertThat(item.getInt("history.attempt")).isEqualTo(attempt);
            assertThat(item.getList("history.previousReturnReasons", String.class)).hasSize(attempt - 1)
                    .allMatch("PROJECT_MISMATCH"::equals);
            Response returned = pipeline.partner(tokens.get(holder), "POST", "/leads/" + leadId + "/return",
                    Map.of("reason", "PROJECT_MISMATCH", "comment", "Projekt passt nicht"));
            assertThat(returned.statusCode()).as(returned.asString()).isEqualTo(200);
        }

        JsonPath review = pipeline.awaitLead(leadId, v -> assertThat(v.getString(
                "history.findAll { it.to == 'SALES_REVIEW' }.last()?.reason")).isEqualTo("ATTEMPTS_EXHAUSTED"));
        assertThat(review.getString("state")).isEqualTo("SALES_REVIEW");
        assertThat(review.getString("owner.type")).isEqualTo("SALES");

        String pinned = tokens.keySet().stream().filter(p -> !holders.contains(p)).findFirst().orElseThrow();
        pipeline.awaitSalesQueue(sales, leadId, "SALES_REVIEW");
        Response qualified = pipeline.sales(sales, "POST", "/leads/" + leadId + "/qualify",
                Map.of("partnerId", pinned, "note", "Knows the plant manager"));
        assertThat(qualified.statusCode()).as(qualified.asString()).isEqualTo(202);

        JsonPath assigned = pipeline.awaitLead(leadId, v -> assertThat(v.getString(
                "history.findAll { it.to == 'ASSIGNED' }.last()?.reason")).isEqualTo("ASSIGNED:PINNED_BY_SALES"));
        assertThat(assigned.getString("state")).isEqualTo("ASSIGNED");
        assertThat(assigned.getString("owner.partnerId")).isEqualTo(pinned);
        assertThat(assigned.getList("history.findAll { !it.rejected }.to", String.class)).containsSubsequence(
                "ASSIGNED", "RETURNED", "ASSIGNED", "RETURNED", "ASSIGNED", "RETURNED", "SALES_REVIEW", "ASSIGNED");
        pipeline.awaitInbox(tokens.get(pinned), leadId);

        List<AssignmentEvent> events = assignmentEvents(leadId,
                e -> e.getType() == AssignmentEventType.ASSIGNED && pinned.equals(e.getPartnerId()));
        List<String> deliveredTo = events.stream().filter(e -> DELIVERIES.contains(e.getType()))
                .map(AssignmentEvent::getPartnerId).toList();
        List<String> expectedOrder = new ArrayList<>(holders);
        expectedOrder.add(pinned);
        assertThat(deliveredTo).as("each partner gets the lead once, the first never again")
                .containsExactlyElementsOf(expectedOrder);
        AssignmentEvent pinnedDelivery = events.get(events.size() - 1);
        assertThat(pinnedDelivery.getType()).isEqualTo(AssignmentEventType.ASSIGNED);
        assertThat(pinnedDelivery.getAttempt()).isEqualTo(MAX_ATTEMPTS + 1);
        assertThat(pinnedDelivery.getPreviousReturnReasons()).hasSize(MAX_ATTEMPTS)
                .allMatch(r -> r.name().equals("PROJECT_MISMATCH"));

        String first = tokens.get(holders.get(0));
        assertThat(pipeline.inbox(first)).doesNotContain(leadId);
        JsonPath returnedView = pipeline.partner(first, "GET", "/leads/" + leadId, null).jsonPath();
        assertThat(returnedView.getString("state")).isEqualTo("RETURNED");
        assertThat(returnedView.getMap("contact")).as("personal data stays with the holder only").isNull();
        assertThat(pipeline.partner(first, "POST", "/leads/" + leadId + "/accept", null).statusCode()).isEqualTo(409);
    }

    @Test
    void anAssignmentNotAcceptedWithinThePartnersSlaIsReclaimedAndGoesToTheNextPartner() {
        Scenario s = new Scenario("sla", "88");
        pipeline.putCompany(s.domain, 42_000_000, 180); // grade A: assigned, so the accept SLA runs
        // The short-SLA partner covers the narrower postal area, a better fit, so routing picks it first.
        String hasty = s.partner(1);
        String next = s.partner(2);
        pipeline.putPartner(hasty, List.of(s.postalPrefix + "5"), s.product, Pipeline.SHORT_ACCEPT_SLA.toString());
        pipeline.putPartner(next, List.of(s.postalPrefix), s.product, "PT48H");
        String hastyToken = pipeline.partnerToken(hasty);
        String nextToken = pipeline.partnerToken(next);

        String leadId = pipeline.submitJson(s.jsonLead("karl", LocalDate.now().plusMonths(7)));

        JsonPath reassigned = pipeline.awaitLead(leadId, v -> {
            assertThat(v.getString("state")).isEqualTo("ASSIGNED");
            assertThat(v.getString("owner.partnerId")).isEqualTo(next);
            assertThat(v.getList("history.to", String.class)).containsSubsequence("ASSIGNED", "EXPIRED", "ASSIGNED");
        });
        assertThat(reassigned.getInt("attempts")).isEqualTo(2);
        assertThat(reassigned.getString("history.find { it.to == 'EXPIRED' }.reason")).isEqualTo("SLA_EXPIRED");
        assertThat(reassigned.getString("history.find { it.to == 'EXPIRED' }.actor")).isEqualTo("rule:sla");

        List<AssignmentEvent> events = assignmentEvents(leadId,
                e -> e.getType() == AssignmentEventType.ASSIGNED && next.equals(e.getPartnerId()));
        assertThat(events).extracting(AssignmentEvent::getType, AssignmentEvent::getPartnerId).containsExactly(
                tuple(AssignmentEventType.ASSIGNED, hasty),
                tuple(AssignmentEventType.RECLAIMED, hasty),
                tuple(AssignmentEventType.ASSIGNED, next));
        AssignmentEvent first = events.get(0);
        assertThat(Duration.between(first.getAt(), first.getDeadline())).isEqualTo(Pipeline.SHORT_ACCEPT_SLA);
        AssignmentEvent reclaim = events.get(1);
        assertThat(reclaim.getReason()).isEqualTo("SLA_EXPIRED");
        assertThat(reclaim.getAt()).as("reclaimed only once the deadline passed").isAfterOrEqualTo(first.getDeadline());
        assertThat(events.get(2).getAttempt()).isEqualTo(2);

        pipeline.awaitGoneFromInbox(hastyToken, leadId);
        Response late = pipeline.partner(hastyToken, "POST", "/leads/" + leadId + "/accept", null);
        assertThat(late.statusCode()).as(late.asString()).isEqualTo(409);
        pipeline.awaitInbox(nextToken, leadId);
    }

    /** Every partner accepts at the same moment; their answers by partner id. */
    private static Map<String, Response> acceptAtOnce(String leadId, Map<String, String> tokensByPartner)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(tokensByPartner.size());
        ExecutorService partners = Executors.newFixedThreadPool(tokensByPartner.size());
        try {
            Map<String, Future<Response>> pending = new LinkedHashMap<>();
            tokensByPartner.forEach((partnerId, token) -> pending.put(partnerId, partners.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return pipeline.partner(token, "POST", "/leads/" + leadId + "/accept", null);
            })));
            Map<String, Response> answers = new LinkedHashMap<>();
            for (var answer : pending.entrySet()) {
                answers.put(answer.getKey(), answer.getValue().get(FLOW.toSeconds(), TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            partners.shutdownNow();
        }
    }

    private static String describe(Map<String, Response> answers) {
        StringBuilder text = new StringBuilder();
        answers.forEach((partner, answer) -> text.append(partner).append(": ").append(answer.statusCode()).append(' ')
                .append(answer.asString()).append('\n'));
        return text.toString();
    }

    /**
     * The lead's events on {@code leads.assignments} in topic order, read once {@code awaited} has arrived and the
     * topic has been quiet for a moment (so nothing that follows it is missed).
     */
    private static List<AssignmentEvent> assignmentEvents(String leadId, Predicate<AssignmentEvent> awaited) {
        try (var assignments = pipeline.probe(Topics.LEADS_ASSIGNMENTS)) {
            assignments.await(r -> leadId.equals(r.key()) && awaited.test(r.value()), 1, FLOW);
            return assignments.settle(r -> leadId.equals(r.key()), Duration.ofSeconds(2)).stream()
                    .map(ConsumerRecord::value).toList();
        }
    }

    private static List<String> partnersOf(List<AssignmentEvent> events, AssignmentEventType type) {
        return events.stream().filter(e -> e.getType() == type).map(AssignmentEvent::getPartnerId).toList();
    }
}
