package io.leadrelay.feedback.sales;

import java.time.Instant;

import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.QualifiedLead;

/** A lead's latest state from the lifecycle, with its qualification details once known. */
public record QueuedLead(String leadId, LeadState state, Instant since, String reason, String reasonText,
        Instant deadline, int attempt, String ownerType, String ownerId, LifecycleEvent latest, QualifiedLead details) {

    static QueuedLead of(LifecycleEvent event, QualifiedLead details) {
        return new QueuedLead(event.getLeadId(), event.getTo(), event.getAt(), event.getReason(), event.getReasonText(),
                event.getDeadline(), event.getAttempt(), event.getOwnerType().name(), event.getOwnerId(), event, details);
    }

    QueuedLead withDetails(QualifiedLead qualified) {
        return new QueuedLead(leadId, state, since, reason, reasonText, deadline, attempt, ownerType, ownerId, latest,
                qualified);
    }
}
