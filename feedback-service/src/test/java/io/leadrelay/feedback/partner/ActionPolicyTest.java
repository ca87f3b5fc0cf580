package io.leadrelay.feedback.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.leadrelay.feedback.support.Assignments;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.LeadState;

class ActionPolicyTest {

    private final PartnerInbox inbox = new PartnerInbox(1_000);
    private final Instant now = Instant.now();

    private Optional<InboxEntry> held(AssignmentEventType... events) {
        String lead = "l1";
        for (AssignmentEventType type : events) {
            switch (type) {
                case OFFERED, ASSIGNED -> inbox.apply(Assignments.offer(type, lead, "p1"));
                case ACCEPTED -> inbox.apply(Assignments.event(type, lead, "p1", LeadState.ACCEPTED).build());
                case WITHDRAWN -> inbox.apply(Assignments.event(type, lead, "p1", LeadState.ASSIGNED).setReason("OFFER_TAKEN").build());
                case RECLAIMED -> inbox.apply(Assignments.event(type, lead, "p1", LeadState.EXPIRED).setReason("SLA_EXPIRED").build());
                case ERASED -> inbox.apply(Assignments.event(type, lead, "p1", LeadState.ERASED).build());
                default -> throw new IllegalArgumentException();
            }
        }
        return inbox.entry("p1", lead);
    }

    @Test
    void unknownOrOtherPartnersLeadIsNotFound() {
        inbox.apply(Assignments.offer(AssignmentEventType.OFFERED, "l1", "p2"));
        assertThat(ActionPolicy.check(inbox.entry("p1", "l1"), PartnerAction.ACCEPT, now))
                .isInstanceOf(ActionPolicy.NotFound.class);
    }

    @Test
    void closeBeforeAcceptIsNotNowWithTheCurrentState() {
        assertThat(ActionPolicy.check(held(AssignmentEventType.ASSIGNED), PartnerAction.CLOSE, now))
                .isEqualTo(new ActionPolicy.NotNow(LeadState.ASSIGNED, ActionPolicy.NOT_ALLOWED_IN_STATE));
        assertThat(ActionPolicy.check(inbox.entry("p1", "l1"), PartnerAction.PROGRESS, now))
                .isInstanceOf(ActionPolicy.NotNow.class);
    }

    @Test
    void acceptedLeadCanProgressCloseOrReturnButNotAcceptAgain() {
        Optional<InboxEntry> entry = held(AssignmentEventType.ASSIGNED, AssignmentEventType.ACCEPTED);
        assertThat(ActionPolicy.check(entry, PartnerAction.PROGRESS, now)).isInstanceOf(ActionPolicy.Allowed.class);
        assertThat(ActionPolicy.check(entry, PartnerAction.CLOSE, now)).isInstanceOf(ActionPolicy.Allowed.class);
        assertThat(ActionPolicy.check(entry, PartnerAction.RETURN, now)).isInstanceOf(ActionPolicy.Allowed.class);
        assertThat(ActionPolicy.check(entry, PartnerAction.ACCEPT, now)).isInstanceOf(ActionPolicy.NotNow.class);
    }

    @Test
    void withdrawnOrReclaimedLeadIsAConflictWithRoutingsReasonAndLosesPersonalData() {
        Optional<InboxEntry> withdrawn = held(AssignmentEventType.OFFERED, AssignmentEventType.WITHDRAWN);
        assertThat(ActionPolicy.check(withdrawn, PartnerAction.ACCEPT, now))
                .isEqualTo(new ActionPolicy.NotNow(LeadState.ASSIGNED, "OFFER_TAKEN"));
        assertThat(withdrawn.get().packedDetails()).isNull();
        assertThat(withdrawn.get().visible()).isFalse();
        assertThat(inbox.open("p1", java.util.Set.of())).isEmpty();
    }

    @Test
    void acceptAfterTheDeadlineIsAConflict() {
        Optional<InboxEntry> offered = held(AssignmentEventType.OFFERED);
        assertThat(ActionPolicy.check(offered, PartnerAction.ACCEPT, offered.get().deadline().plusSeconds(1)))
                .isEqualTo(new ActionPolicy.NotNow(LeadState.OFFERED, ActionPolicy.DEADLINE_PASSED));
    }

    @Test
    void erasedLeadIsGoneEntirely() {
        assertThat(held(AssignmentEventType.ASSIGNED, AssignmentEventType.ERASED)).isEmpty();
    }
}
