package io.leadrelay.feedback.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.Quality;

class PartnerInboxTest {

    private final PartnerInbox inbox = new PartnerInbox(2);

    private void offered(String leadId) {
        inbox.apply(Assignments.offer(AssignmentEventType.OFFERED, leadId, "p1"));
    }

    private void withdrawn(String leadId) {
        inbox.apply(Assignments.event(AssignmentEventType.WITHDRAWN, leadId, "p1", LeadState.ASSIGNED)
                .setReason("OFFER_TAKEN").build());
    }

    @Test
    void onlyTheMostRecentlyReleasedLeadsAreKeptWhileHeldOnesStay() {
        for (String lead : new String[] { "held", "r1", "r2", "r3" }) {
            offered(lead);
        }
        withdrawn("r1");
        withdrawn("r2");
        assertThat(inbox.entry("p1", "r1")).isPresent();
        withdrawn("r3");
        // r1 was released first: it now answers as never offered
        assertThat(inbox.entry("p1", "r1")).isEmpty();
        assertThat(inbox.entry("p1", "r2")).hasValueSatisfying(e -> assertThat(e.held()).isFalse());
        assertThat(inbox.entry("p1", "r3")).isPresent();
        assertThat(inbox.open("p1", Set.of())).extracting(InboxEntry::leadId).containsExactly("held");
    }

    @Test
    void aLeadOfferedAgainAfterItsReleaseIsNotForgottenWithTheOldRelease() {
        offered("again");
        withdrawn("again");
        offered("again");
        offered("x");
        withdrawn("x");
        offered("y");
        withdrawn("y");
        assertThat(inbox.entry("p1", "again")).hasValueSatisfying(e -> assertThat(e.held()).isTrue());
    }

    @Test
    void packedDetailsShowAsTheOfferCarriedThemAndSurviveEventsWithoutDetails() {
        AssignmentEvent offer = Assignments.offer(AssignmentEventType.ASSIGNED, "packed", "p1");
        inbox.apply(offer);
        inbox.apply(Assignments.event(AssignmentEventType.ACCEPTED, "packed", "p1", LeadState.ACCEPTED).build());
        InboxItem item = InboxItem.of(inbox.entry("p1", "packed").orElseThrow());
        InboxItem asOffered = InboxItem.ofOffer(offer);
        assertThat(item.state()).isEqualTo("ACCEPTED");
        assertThat(item).usingRecursiveComparison().ignoringFields("state", "updatedAt").isEqualTo(asOffered);
        assertThat(item.contact().email()).isEqualTo(offer.getContact().getEmail());
        assertThat(item.qualification().expectedVolume().amount()).isEqualByComparingTo("120000.00");
    }

    @Test
    void detailsAnEventRepeatsReplaceOnlyThoseParts() {
        inbox.apply(Assignments.offer(AssignmentEventType.ASSIGNED, "repeat", "p1"));
        inbox.apply(Assignments.event(AssignmentEventType.ACCEPTED, "repeat", "p1", LeadState.ACCEPTED)
                .setQuality(new Quality(Grade.B, 55)).build());
        InboxItem item = InboxItem.of(inbox.entry("p1", "repeat").orElseThrow());
        assertThat(item.quality()).isEqualTo(new InboxItem.QualityView("B", 55));
        assertThat(item.company().name()).isEqualTo("Example GmbH");
    }
}
