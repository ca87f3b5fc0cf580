package io.leadrelay.feedback.partner;

import java.time.Instant;
import java.util.List;

import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.QualificationFacts;
import io.leadrelay.schemas.Quality;
import io.leadrelay.schemas.ReturnReason;

/**
 * One lead as one partner sees it. {@code held} is true while the lead is offered, assigned or accepted
 * to this partner; personal data is kept only while it is held.
 */
public record InboxEntry(String leadId, String partnerId, LeadState state, boolean held, AssignmentEventType lastEvent,
        String reason,
        Instant deadline, Instant since, Instant updatedAt, Contact contact, CompanyRef company,
        QualificationFacts facts, Quality quality, int attempt, List<ReturnReason> previousReturnReasons) {

    static InboxEntry offered(AssignmentEvent event, LeadState state) {
        return new InboxEntry(event.getLeadId(), event.getPartnerId(), state, true, event.getType(), event.getReason(),
                event.getDeadline(), event.getAt(), event.getAt(), event.getContact(), event.getCompany(),
                event.getFacts(), event.getQuality(), event.getAttempt(), List.copyOf(event.getPreviousReturnReasons()));
    }

    /** Still held, in a new state; details the event repeats replace the old ones. */
    InboxEntry heldAs(LeadState newState, AssignmentEvent event) {
        return new InboxEntry(leadId, partnerId, newState, true, event.getType(), event.getReason(),
                event.getDeadline() != null ? event.getDeadline() : deadline, since, event.getAt(),
                event.getContact() != null ? event.getContact() : contact,
                event.getCompany() != null ? event.getCompany() : company,
                event.getFacts() != null ? event.getFacts() : facts,
                event.getQuality() != null ? event.getQuality() : quality, attempt, previousReturnReasons);
    }

    /** No longer held (returned, closed, withdrawn, reclaimed): personal data and details are dropped. */
    InboxEntry released(LeadState newState, AssignmentEvent event) {
        return new InboxEntry(leadId, partnerId, newState, false, event.getType(), event.getReason(), null, since,
                event.getAt(),
                null, null, null, null, attempt, List.of());
    }

    /**
     * Whether the partner may still look at it: while held, and after it returned or closed it itself;
     * not after it was withdrawn or reclaimed (then another party may hold it).
     */
    public boolean visible() {
        return held || lastEvent == AssignmentEventType.RETURNED || lastEvent == AssignmentEventType.CLOSED;
    }
}
