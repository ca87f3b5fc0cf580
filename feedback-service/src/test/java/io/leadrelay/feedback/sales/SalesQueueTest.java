package io.leadrelay.feedback.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.support.Leads;
import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.OwnerType;

class SalesQueueTest {

    private final SalesQueue queue = new SalesQueue(3);
    private Instant at = Instant.parse("2026-11-27T09:00:00Z");

    private void moved(String leadId, LeadState from, LeadState to) {
        at = at.plusSeconds(1);
        queue.applyLifecycle(LifecycleEvent.newBuilder().setEventId(leadId + to).setLeadId(leadId).setFrom(from).setTo(to)
                .setRejected(false).setReason("R").setActor(new Actor("RULE", "rule:test")).setAt(at)
                .setOwnerType(OwnerType.SALES).build());
    }

    private void qualified(String leadId, String note) {
        queue.applyQualified(Leads.qualified(leadId, at).setNote(note).build());
    }

    private List<String> waitingIds() {
        return queue.waiting(Set.of(), 100).stream().map(QueuedLead::leadId).toList();
    }

    @Test
    void detailsArrivingBeforeOrAfterTheStateEndUpWithTheWaitingLead() {
        qualified("early", "early details");
        moved("early", LeadState.RECEIVED, LeadState.MQL);
        moved("late", LeadState.RECEIVED, LeadState.MQL);
        qualified("late", "late details");
        assertThat(queue.waiting(Set.of(), 10)).extracting(l -> l.details().getNote())
                .containsExactly("early details", "late details");
    }

    @Test
    void leadHandedToRoutingKeepsItsDetailsForALaterSalesReview() {
        qualified("l1", "from marketing");
        moved("l1", LeadState.RECEIVED, LeadState.MQL);
        moved("l1", LeadState.MQL, LeadState.SQL);
        moved("l1", LeadState.SQL, LeadState.OFFERED);
        assertThat(waitingIds()).isEmpty();
        assertThat(queue.state("l1")).contains(LeadState.OFFERED);
        moved("l1", LeadState.OFFERED, LeadState.SALES_REVIEW);
        assertThat(queue.waiting(Set.of(LeadState.SALES_REVIEW), 10)).singleElement()
                .satisfies(l -> assertThat(l.details().getNote()).isEqualTo("from marketing"));
    }

    @Test
    void nurturedLeadComesBackWithItsNewMqlDetails() {
        qualified("l1", "first");
        moved("l1", LeadState.RECEIVED, LeadState.MQL);
        moved("l1", LeadState.MQL, LeadState.NURTURE);
        assertThat(queue.state("l1")).contains(LeadState.NURTURE);
        qualified("l1", "second");
        moved("l1", LeadState.NURTURE, LeadState.MQL);
        assertThat(queue.waiting(Set.of(), 10)).singleElement()
                .satisfies(l -> assertThat(l.details().getNote()).isEqualTo("second"));
    }

    @Test
    void endedLeadsAreForgottenAndOnlyTheMostRecentlyChangedOthersAreKept() {
        moved("ended", LeadState.MQL, LeadState.DISQUALIFIED);
        assertThat(queue.state("ended")).isEmpty();
        for (String id : List.of("a", "b", "c", "d")) {
            moved(id, LeadState.MQL, LeadState.SQL);
        }
        // capacity 3: "a" changed least recently
        assertThat(queue.state("a")).isEmpty();
        assertThat(queue.state("b")).contains(LeadState.SQL);
        moved("b", LeadState.SQL, LeadState.ASSIGNED);
        moved("e", LeadState.MQL, LeadState.SQL);
        assertThat(queue.state("b")).contains(LeadState.ASSIGNED);
        assertThat(queue.state("c")).isEmpty();
        moved("w", LeadState.RECEIVED, LeadState.MQL);
        assertThat(queue.state("w")).contains(LeadState.MQL);
        assertThat(waitingIds()).containsExactly("w");
    }

    @Test
    void rejectedAttemptsChangeNothing() {
        moved("l1", LeadState.RECEIVED, LeadState.MQL);
        queue.applyLifecycle(LifecycleEvent.newBuilder().setEventId("x").setLeadId("l1").setFrom(LeadState.MQL)
                .setTo(LeadState.MQL).setRejected(true).setReason("DECISION_REJECTED").setActor(new Actor("RULE", "r"))
                .setAt(at.plusSeconds(5)).setOwnerType(OwnerType.SALES).build());
        assertThat(queue.waiting(Set.of(), 10)).singleElement().satisfies(l -> assertThat(l.reason()).isEqualTo("R"));
    }
}
