package io.leadrelay.routing.lead;

import static io.leadrelay.routing.testing.Leads.partner;
import static io.leadrelay.routing.testing.Leads.partnerAction;
import static io.leadrelay.routing.testing.Leads.returned;
import static io.leadrelay.routing.testing.Leads.sql;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.leadrelay.routing.testing.Leads;
import io.leadrelay.routing.testing.RoutingDriver;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.FeedbackType;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.ReturnReason;

class ReturnsAndSlaFlowTest {

    private final RoutingDriver d = new RoutingDriver();

    @AfterEach
    void close() {
        d.close();
    }

    private void fourPartners() {
        d.partner(partner("p1", PartnerTier.PLATINUM).build());
        d.partner(partner("p2", PartnerTier.GOLD).build());
        d.partner(partner("p3", PartnerTier.SILVER).build());
        d.partner(partner("p4", PartnerTier.BRONZE).build());
    }

    @ParameterizedTest
    @CsvSource({ "PROJECT_MISMATCH, ASSIGNED", "NO_CAPACITY, ASSIGNED", "OUT_OF_TERRITORY, ASSIGNED",
            "CONFLICT_OF_INTEREST, ASSIGNED", "NOT_A_LEAD, DISQUALIFIED", "NOT_READY, NURTURE",
            "UNREACHABLE, SALES_REVIEW", "DUPLICATE, MERGED", "OTHER, SALES_REVIEW" })
    void eachReturnReasonCodeLeadsWhereTheContractSays(ReturnReason reason, LeadState next) {
        fourPartners();
        d.lead(sql("lead-r", Grade.A).build());
        assertThat(d.assignments.readValuesToList()).extracting(AssignmentEvent::getPartnerId).containsExactly("p1");
        d.lifecycleEvents();

        var ret = returned("lead-r", "p1", reason, Leads.T0);
        d.returned(ret);

        List<AssignmentEvent> events = d.assignments.readValuesToList();
        assertThat(events.get(0).getType()).isEqualTo(AssignmentEventType.RETURNED);
        assertThat(events.get(0).getRequestId()).isEqualTo(ret.getRequestId());
        List<LifecycleEvent> lifecycle = d.lifecycleEvents();
        assertThat(lifecycle).extracting(LifecycleEvent::getTo).containsExactly(LeadState.RETURNED, next);
        assertThat(lifecycle.get(0).getReason()).isEqualTo("RETURNED:" + reason);
        assertThat(d.leadCase("lead-r").state).isEqualTo(next);
        if (next == LeadState.ASSIGNED) {
            AssignmentEvent nextAssignment = events.get(1);
            assertThat(nextAssignment.getPartnerId()).isEqualTo("p2");
            assertThat(nextAssignment.getAttempt()).isEqualTo(2);
            assertThat(nextAssignment.getPreviousReturnReasons()).containsExactly(reason);
            assertThat(lifecycle.get(1).getDetailsJson()).contains("ALREADY_HAD_LEAD");
        }
        if (next == LeadState.NURTURE) {
            assertThat(d.nurture.readValuesToList()).singleElement()
                    .satisfies(n -> assertThat(n.getFromState()).isEqualTo(LeadState.RETURNED));
        }
    }

    @Test
    void afterThreeAttemptsTheLeadGoesToSalesReview() {
        fourPartners();
        d.lead(sql("lead-x", Grade.A).build());
        d.returned(returned("lead-x", "p1", ReturnReason.NO_CAPACITY, Leads.T0));
        d.returned(returned("lead-x", "p2", ReturnReason.NO_CAPACITY, Leads.T0));
        d.returned(returned("lead-x", "p3", ReturnReason.NO_CAPACITY, Leads.T0));
        assertThat(d.assignments.readValuesToList()).filteredOn(a -> a.getType() == AssignmentEventType.ASSIGNED)
                .extracting(AssignmentEvent::getPartnerId).containsExactly("p1", "p2", "p3");
        LifecycleEvent last = d.lifecycleEvents().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(last.getTo()).isEqualTo(LeadState.SALES_REVIEW);
        assertThat(last.getReason()).isEqualTo("ATTEMPTS_EXHAUSTED");
        assertThat(last.getAttempt()).isEqualTo(3);
    }

    @Test
    void returnFromAPartnerThatDoesNotHoldTheLeadIsRejected() {
        fourPartners();
        d.lead(sql("lead-y", Grade.A).build());
        d.assignments.readValuesToList();
        d.lifecycleEvents();
        var ret = returned("lead-y", "p4", ReturnReason.NO_CAPACITY, Leads.T0);
        d.returned(ret);
        assertThat(d.assignments.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(AssignmentEventType.ACTION_REJECTED);
            assertThat(a.getReason()).isEqualTo("NOT_HOLDER");
            assertThat(a.getRequestId()).isEqualTo(ret.getRequestId());
        });
        assertThat(d.lifecycleEvents()).singleElement().satisfies(e -> assertThat(e.getRejected()).isTrue());
        assertThat(d.leadCase("lead-y").ownerId).isEqualTo("p1");
    }

    @Test
    void noAcceptByTheDeadlineReclaimsByWallClockAndRoutesToTheNextPartner() {
        fourPartners();
        d.lead(sql("lead-s", Grade.A).build());
        d.assignments.readValuesToList();
        d.lifecycleEvents();

        d.advance(Duration.ofHours(47));
        assertThat(d.assignments.isEmpty()).isTrue();
        d.advance(Duration.ofHours(1));

        List<AssignmentEvent> events = d.assignments.readValuesToList();
        assertThat(events).extracting(e -> e.getType() + ":" + e.getPartnerId())
                .containsExactly("RECLAIMED:p1", "ASSIGNED:p2");
        assertThat(d.lifecycleEvents()).extracting(LifecycleEvent::getTo)
                .containsExactly(LeadState.EXPIRED, LeadState.ASSIGNED);

        // the reclaimed partner's late accept is refused
        d.feedback(partnerAction("lead-s", "p1", FeedbackType.ACCEPT, d.clock.instant()));
        assertThat(d.assignments.readValuesToList()).singleElement()
                .satisfies(a -> assertThat(a.getReason()).isEqualTo("OFFER_TAKEN"));
    }

    @Test
    void silentAcceptedLeadGetsAReminderThenIsEscalatedToSalesReview() {
        fourPartners();
        d.lead(sql("lead-p", Grade.A).build());
        d.feedback(partnerAction("lead-p", "p1", FeedbackType.ACCEPT, Leads.T0));
        d.assignments.readValuesToList();
        d.lifecycleEvents();

        d.advance(Duration.ofDays(10));
        d.feedback(partnerAction("lead-p", "p1", FeedbackType.PROGRESS, d.clock.instant()));
        assertThat(d.assignments.readValuesToList()).extracting(AssignmentEvent::getType)
                .containsExactly(AssignmentEventType.PROGRESS_RECORDED);
        d.advance(Duration.ofDays(13));
        assertThat(d.assignments.isEmpty()).isTrue();

        d.advance(Duration.ofDays(1));
        assertThat(d.assignments.readValuesToList()).extracting(AssignmentEvent::getType)
                .containsExactly(AssignmentEventType.PROGRESS_REMINDER);
        d.advance(Duration.ofDays(7));
        assertThat(d.assignments.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(AssignmentEventType.RECLAIMED);
            assertThat(a.getReason()).isEqualTo("NO_PROGRESS");
        });
        assertThat(d.leadCase("lead-p").state).isEqualTo(LeadState.SALES_REVIEW);
    }

    @Test
    void expiredOfferIsWithdrawnFromEveryOfferedPartnerAndGoesToSalesReview() {
        for (String id : List.of("a", "b", "c", "d", "e", "f")) {
            d.partner(partner(id, PartnerTier.SILVER).build());
        }
        d.lead(sql("lead-o", Grade.B).build());
        List<String> offered = d.assignments.readValuesToList().stream()
                .filter(a -> a.getType() == AssignmentEventType.OFFERED).map(AssignmentEvent::getPartnerId).toList();
        assertThat(offered).hasSize(3);
        d.lifecycleEvents();

        d.advance(Duration.ofHours(47));
        assertThat(d.assignments.isEmpty()).isTrue();
        d.advance(Duration.ofHours(1));

        List<AssignmentEvent> after = d.assignments.readValuesToList();
        assertThat(after).allSatisfy(a -> {
            assertThat(a.getType()).isEqualTo(AssignmentEventType.WITHDRAWN);
            assertThat(a.getReason()).isEqualTo("OFFER_EXPIRED");
        });
        assertThat(after).extracting(AssignmentEvent::getPartnerId).containsExactlyInAnyOrderElementsOf(offered);
        assertThat(d.lifecycleEvents()).singleElement().satisfies(e -> {
            assertThat(e.getFrom()).isEqualTo(LeadState.OFFERED);
            assertThat(e.getTo()).isEqualTo(LeadState.SALES_REVIEW);
            assertThat(e.getReason()).isEqualTo("OFFER_EXPIRED");
            assertThat(e.getDetailsJson()).contains("offeredPartners").contains(offered);
        });
        assertThat(d.leadCase("lead-o").state).isEqualTo(LeadState.SALES_REVIEW);

        // a late accept of an expired offer is refused as such
        d.feedback(partnerAction("lead-o", offered.get(0), FeedbackType.ACCEPT, d.clock.instant()));
        assertThat(d.assignments.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(AssignmentEventType.ACTION_REJECTED);
            assertThat(a.getReason()).isEqualTo("DEADLINE_PASSED");
            assertThat(a.getState()).isEqualTo(LeadState.SALES_REVIEW);
        });
        d.lifecycleEvents();

        // sales re-qualifies: the offer goes to partners that have not had the lead yet
        d.feedback(Leads.qualify("lead-o", null, null, d.clock.instant()));
        assertThat(d.assignments.readValuesToList()).filteredOn(a -> a.getType() == AssignmentEventType.OFFERED)
                .hasSize(3).extracting(AssignmentEvent::getPartnerId).doesNotContainAnyElementsOf(offered);
    }
}
