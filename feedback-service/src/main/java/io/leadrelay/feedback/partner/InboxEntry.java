package io.leadrelay.feedback.partner;

import java.time.Instant;
import java.util.List;

import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.ReturnReason;

/**
 * One lead as one partner sees it. {@code held} is true while the lead is offered, assigned or accepted
 * to this partner; personal data is kept only while it is held, packed ({@link LeadDetails}) because held leads are
 * most of the service's heap and a partner reads each of them seldom.
 */
public record InboxEntry(String leadId, String partnerId, LeadState state, boolean held, AssignmentEventType lastEvent,
        String reason, Instant deadline, Instant since, Instant updatedAt, byte[] packedDetails, int attempt,
        List<ReturnReason> previousReturnReasons) {

    static InboxEntry offered(AssignmentEvent event, LeadState state) {
        return new InboxEntry(event.getLeadId(), event.getPartnerId(), state, true, event.getType(), event.getReason(),
                event.getDeadline(), event.getAt(), event.getAt(), LeadDetails.of(event).pack(), event.getAttempt(),
                List.copyOf(event.getPreviousReturnReasons()));
    }

    /** Still held, in a new state; details the event repeats replace the old ones. */
    InboxEntry heldAs(LeadState newState, AssignmentEvent event) {
        LeadDetails repeated = LeadDetails.of(event);
        return new InboxEntry(leadId, partnerId, newState, true, event.getType(), event.getReason(),
                event.getDeadline() != null ? event.getDeadline() : deadline, since, event.getAt(),
                repeated.isEmpty() ? packedDetails : details().replacedBy(repeated).pack(), attempt,
                previousReturnReasons);
    }

    /** No longer held (returned, closed, withdrawn, reclaimed): personal data and details are dropped. */
    InboxEntry released(LeadState newState, AssignmentEvent event) {
        return new InboxEntry(leadId, partnerId, newState, false, event.getType(), event.getReason(), null, since,
                event.getAt(), null, attempt, List.of());
    }

    LeadDetails details() {
        return LeadDetails.unpack(packedDetails);
    }

    /**
     * Whether the partner may still look at it: while held, and after it returned or closed it itself;
     * not after it was withdrawn or reclaimed (then another party may hold it).
     */
    public boolean visible() {
        return held || lastEvent == AssignmentEventType.RETURNED || lastEvent == AssignmentEventType.CLOSED;
    }
}
