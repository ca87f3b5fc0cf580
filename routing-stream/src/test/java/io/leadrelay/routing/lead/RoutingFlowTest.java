package io.leadrelay.routing.lead;

import static io.leadrelay.routing.testing.Leads.partner;
import static io.leadrelay.routing.testing.Leads.partnerAction;
import static io.leadrelay.routing.testing.Leads.sql;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadrelay.routing.kafka.Json;
import io.leadrelay.routing.testing.Leads;
import io.leadrelay.routing.testing.RoutingDriver;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.Channel;
import io.leadrelay.schemas.FeedbackType;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.OwnerType;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.catalog.DeadLetterHeaders;
import io.leadrelay.schemas.catalog.Topics;

class RoutingFlowTest {

    private final RoutingDriver d = new RoutingDriver();

    @AfterEach
    void close() {
        d.close();
    }

    @Test
    void gradeALeadIsAssignedToTheBestPartnerThenAcceptedThenWonBecomesACustomer() {
        d.partner(partner("p-gold", PartnerTier.GOLD, "80").build());
        d.partner(partner("p-bronze", PartnerTier.BRONZE).build());
        d.lead(sql("lead-1", Grade.A).build());

        List<TestRecord<String, AssignmentEvent>> assigned = d.assignmentRecords();
        assertThat(assigned).hasSize(1);
        AssignmentEvent event = assigned.get(0).value();
        assertThat(event.getType()).isEqualTo(AssignmentEventType.ASSIGNED);
        assertThat(event.getPartnerId()).isEqualTo("p-gold");
        assertThat(RoutingDriver.header(assigned.get(0), Topics.PARTNER_ID_HEADER)).isEqualTo("p-gold");
        assertThat(event.getContact().getEmail()).isEqualTo("anna@example-gmbh.de");
        assertThat(event.getQuality().getGrade()).isEqualTo(Grade.A);
        assertThat(event.getDeadline()).isEqualTo(Leads.T0.plus(Duration.ofHours(48)));
        assertThat(event.getAttempt()).isEqualTo(1);

        List<LifecycleEvent> routed = d.lifecycleEvents();
        assertThat(routed).singleElement().satisfies(e -> {
            assertThat(e.getFrom()).isEqualTo(LeadState.SQL);
            assertThat(e.getTo()).isEqualTo(LeadState.ASSIGNED);
            assertThat(e.getOwnerType()).isEqualTo(OwnerType.PARTNER);
            assertThat(e.getOwnerId()).isEqualTo("p-gold");
            assertThat(e.getSourceChannel()).isEqualTo("web-form");
            assertThat(e.getCampaign()).isEqualTo("autumn-fair");
            assertThat(e.getDetailsJson()).contains("\"candidates\"", "\"p-bronze\"", "\"fairness\"",
                    "routing-rules/1", "REVENUE_BELOW_THRESHOLD");
        });

        LeadFeedback accept = partnerAction("lead-1", "p-gold", FeedbackType.ACCEPT, Leads.T0);
        d.feedback(accept);
        AssignmentEvent accepted = d.assignmentRecords().get(0).value();
        assertThat(accepted.getType()).isEqualTo(AssignmentEventType.ACCEPTED);
        assertThat(accepted.getRequestId()).isEqualTo(accept.getRequestId());
        assertThat(accepted.getDeadline()).isEqualTo(Leads.T0.plus(Duration.ofDays(14)));

        LeadFeedback won = partnerAction("lead-1", "p-gold", FeedbackType.WON, Leads.T0);
        won.setValue(Leads.eur("98000"));
        d.feedback(won);
        AssignmentEvent closed = d.assignmentRecords().get(0).value();
        assertThat(closed.getType()).isEqualTo(AssignmentEventType.CLOSED);
        assertThat(closed.getRequestId()).isEqualTo(won.getRequestId());
        assertThat(d.customers.readValuesToList()).singleElement()
                .satisfies(c -> assertThat(c.getPartnerId()).isEqualTo("p-gold"));
        assertThat(d.lifecycleEvents()).extracting(LifecycleEvent::getTo)
                .containsExactly(LeadState.ACCEPTED, LeadState.WON, LeadState.CUSTOMER);
    }

    @Test
    void offerToThreeFirstAcceptWinsOthersAreWithdrawnAndLateAcceptIsRefused() {
        for (String id : List.of("p1", "p2", "p3", "p4")) {
            d.partner(partner(id, PartnerTier.SILVER).build());
        }
        d.lead(sql("lead-2", Grade.B).build());
        List<AssignmentEvent> offers = d.assignments.readValuesToList();
        assertThat(offers).hasSize(3).allSatisfy(o -> assertThat(o.getType()).isEqualTo(AssignmentEventType.OFFERED));
        String first = offers.get(0).getPartnerId();
        String second = offers.get(1).getPartnerId();

        // two accepts arrive together: the first in the partition wins, exactly once
        LeadFeedback acceptA = partnerAction("lead-2", first, FeedbackType.ACCEPT, Leads.T0);
        LeadFeedback acceptB = partnerAction("lead-2", second, FeedbackType.ACCEPT, Leads.T0);
        d.feedback(acceptA);
        d.feedback(acceptB);

        List<AssignmentEvent> answers = d.assignments.readValuesToList();
        assertThat(answers).filteredOn(a -> a.getType() == AssignmentEventType.ACCEPTED).singleElement()
                .satisfies(a -> assertThat(a.getPartnerId()).isEqualTo(first));
        assertThat(answers).filteredOn(a -> a.getType() == AssignmentEventType.WITHDRAWN)
                .extracting(AssignmentEvent::getPartnerId).containsExactlyInAnyOrder(second,
                        offers.get(2).getPartnerId());
        assertThat(answers).filteredOn(a -> a.getType() == AssignmentEventType.ACTION_REJECTED).singleElement()
                .satisfies(a -> {
                    assertThat(a.getPartnerId()).isEqualTo(second);
                    assertThat(a.getReason()).isEqualTo("OFFER_TAKEN");
                    assertThat(a.getRequestId()).isEqualTo(acceptB.getRequestId());
                });
        assertThat(d.lifecycleEvents()).filteredOn(LifecycleEvent::getRejected).singleElement()
                .satisfies(e -> assertThat(e.getReason()).isEqualTo("ACCEPT_REJECTED:OFFER_TAKEN"));
        assertThat(d.leadCase("lead-2").state).isEqualTo(LeadState.ACCEPTED);
        assertThat(d.leadCase("lead-2").ownerId).isEqualTo(first);
    }

    @Test
    void revenueAboveThresholdGoesToDirectSales() {
        d.partner(partner("p1", PartnerTier.GOLD).build());
        var lead = sql("lead-3", Grade.B).build();
        lead.getCompany().setAnnualRevenue(Leads.eur("80000000"));
        d.lead(lead);
        assertThat(d.direct.readValuesToList()).singleElement()
                .satisfies(l -> assertThat(l.getLeadId()).isEqualTo("lead-3"));
        assertThat(d.assignments.isEmpty()).isTrue();
        assertThat(d.lifecycleEvents()).singleElement().satisfies(e -> {
            assertThat(e.getTo()).isEqualTo(LeadState.DIRECT);
            assertThat(e.getReason()).isEqualTo("CHANNEL:REVENUE_AT_OR_ABOVE_THRESHOLD");
            assertThat(e.getOwnerType()).isEqualTo(OwnerType.DIRECT);
        });
    }

    @Test
    void noEligiblePartnerGoesToSalesReviewAndSalesCanPinAPartner() {
        d.partner(partner("p-hamburg", PartnerTier.GOLD, "20").build());
        d.lead(sql("lead-4", Grade.B).build());
        LifecycleEvent review = d.lifecycleEvents().get(0);
        assertThat(review.getTo()).isEqualTo(LeadState.SALES_REVIEW);
        assertThat(review.getReason()).isEqualTo("NO_ELIGIBLE_PARTNER");
        assertThat(review.getDetailsJson()).contains("p-hamburg", "OUT_OF_TERRITORY");

        d.feedback(Leads.qualify("lead-4", Channel.PARTNER, "p-hamburg", Leads.T0));
        AssignmentEvent assigned = d.assignments.readValuesToList().get(0);
        assertThat(assigned.getType()).isEqualTo(AssignmentEventType.ASSIGNED);
        assertThat(assigned.getPartnerId()).isEqualTo("p-hamburg");
        LifecycleEvent pinned = d.lifecycleEvents().get(0);
        assertThat(pinned.getReason()).isEqualTo("ASSIGNED:PINNED_BY_SALES");
        assertThat(pinned.getActor().getType()).isEqualTo("SALES");
    }

    @Test
    void closeBeforeAcceptAndActionsOfStrangersAreRejectedAndRecorded() {
        d.partner(partner("p1", PartnerTier.GOLD).build());
        d.lead(sql("lead-5", Grade.A).build());
        d.assignments.readValuesToList();
        d.lifecycleEvents();

        LeadFeedback closeEarly = partnerAction("lead-5", "p1", FeedbackType.WON, Leads.T0);
        d.feedback(closeEarly);
        LeadFeedback stranger = partnerAction("lead-5", "p-other", FeedbackType.ACCEPT, Leads.T0);
        d.feedback(stranger);

        List<AssignmentEvent> answers = d.assignments.readValuesToList();
        assertThat(answers).extracting(AssignmentEvent::getType).containsOnly(AssignmentEventType.ACTION_REJECTED);
        assertThat(answers).extracting(AssignmentEvent::getReason).containsExactly("NOT_ALLOWED_IN_STATE",
                "NOT_HOLDER");
        assertThat(answers).extracting(AssignmentEvent::getState).containsOnly(LeadState.ASSIGNED);
        assertThat(d.lifecycleEvents()).allSatisfy(e -> {
            assertThat(e.getRejected()).isTrue();
            assertThat(e.getFrom()).isEqualTo(LeadState.ASSIGNED);
            assertThat(e.getTo()).isEqualTo(LeadState.ASSIGNED);
        }).hasSize(2);
        assertThat(d.customers.isEmpty()).isTrue();
    }

    @Test
    void lostGoesBackToNurture() {
        d.partner(partner("p1", PartnerTier.GOLD).build());
        d.lead(sql("lead-6", Grade.A).build());
        d.feedback(partnerAction("lead-6", "p1", FeedbackType.ACCEPT, Leads.T0));
        LeadFeedback lost = partnerAction("lead-6", "p1", FeedbackType.LOST, Leads.T0);
        lost.setLostReason("PRICE");
        d.feedback(lost);
        assertThat(d.nurture.readValuesToList()).singleElement().satisfies(n -> {
            assertThat(n.getFromState()).isEqualTo(LeadState.LOST);
            assertThat(n.getReason()).isEqualTo("LOST");
            assertThat(n.getReasonText()).isEqualTo("PRICE");
        });
        assertThat(d.lifecycleEvents()).extracting(LifecycleEvent::getTo).endsWith(LeadState.LOST, LeadState.NURTURE);
    }

    @Test
    void poisonPillGoesToTheDeadLetterTopicAndProcessingContinues() {
        d.partner(partner("p1", PartnerTier.GOLD).build());
        d.rawFeedback.pipeInput("lead-7", "not avro at all".getBytes(StandardCharsets.UTF_8));
        d.lead(sql("lead-7", Grade.A).build());

        TestRecord<String, byte[]> dead = d.feedbackDeadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
        assertThat(RoutingDriver.header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.LEADS_FEEDBACK.name());
        assertThat(RoutingDriver.header(dead, DeadLetterHeaders.SERVICE)).isEqualTo("routing-stream");
        assertThat(RoutingDriver.header(dead, DeadLetterHeaders.EXCEPTION)).isNotBlank();
        assertThat(d.assignments.readValuesToList()).singleElement()
                .satisfies(a -> assertThat(a.getType()).isEqualTo(AssignmentEventType.ASSIGNED));
    }

    @Test
    void unreadablePartnerRecordIsParkedWithErrorHeadersAndThePartnersPreviousRecordStaysInForce() {
        d.partner(partner("p1", PartnerTier.GOLD).build());
        d.rawPartners.pipeInput("p1", "not avro at all".getBytes(StandardCharsets.UTF_8));

        assertThat(d.partnerDeadLetters.parked).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo("p1");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
            assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value(),
                    StandardCharsets.UTF_8)).isEqualTo(Topics.REFERENCE_PARTNERS.name());
            assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.SERVICE).value(),
                    StandardCharsets.UTF_8)).isEqualTo("routing-stream");
            assertThat(dead.headers().lastHeader(DeadLetterHeaders.EXCEPTION)).isNotNull();
        });
        d.lead(sql("lead-10", Grade.A).build());
        assertThat(d.assignments.readValuesToList()).singleElement()
                .satisfies(a -> assertThat(a.getPartnerId()).isEqualTo("p1"));
    }

    @Test
    void explanationListsPartnersOutsideTheTerritoryAsOneGroupAndEveryOtherExclusionWithItsReasons()
            throws Exception {
        d.partner(partner("p-munich", PartnerTier.GOLD, "80").build());
        d.partner(partner("p-paused", PartnerTier.GOLD, "8").setPausedUntil(Leads.T0.plusSeconds(60)).build());
        d.partner(partner("p-hamburg", PartnerTier.GOLD, "20").build());
        d.partner(partner("p-berlin", PartnerTier.GOLD, "10").setActive(false).build());
        d.lead(sql("lead-11", Grade.A).build());

        JsonNode details = Json.MAPPER.readTree(d.lifecycleEvents().get(0).getDetailsJson());
        assertThat(details.get("excluded").toString()).isEqualTo("[{\"partnerIds\":[\"p-paused\"],\"reasons\":[\"PAUSED\"]},"
                + "{\"count\":2,\"otherCriteriaChecked\":false,\"partnerIds\":[\"p-berlin\",\"p-hamburg\"],"
                + "\"reasons\":[\"OUT_OF_TERRITORY\"]}]");
        assertThat(details.get("candidates")).singleElement()
                .satisfies(c -> assertThat(c.get("partnerId").asText()).isEqualTo("p-munich"));
    }

    @Test
    void partnerLoadLearnedFromAssignmentsMakesAFullPartnerIneligible() {
        d.partner(partner("p-small", PartnerTier.PLATINUM).setCapacity(1).build());
        d.partner(partner("p-big", PartnerTier.BRONZE).build());
        d.lead(sql("lead-8", Grade.A).build());
        d.lead(sql("lead-9", Grade.A).build());
        List<AssignmentEvent> assigned = d.assignments.readValuesToList();
        assertThat(assigned).extracting(AssignmentEvent::getPartnerId).containsExactly("p-small", "p-big");
        List<LifecycleEvent> events = d.lifecycleEvents();
        assertThat(Json.write(events.get(1).getDetailsJson())).contains("AT_CAPACITY");
    }
}
