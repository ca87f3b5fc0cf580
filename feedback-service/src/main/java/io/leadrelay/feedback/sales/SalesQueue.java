package io.leadrelay.feedback.sales;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.QualifiedLead;

/**
 * Leads waiting for inside sales, from {@code leads.lifecycle} (state and why) and {@code leads.mql}
 * (details): those whose latest accepted state is MQL or SALES_REVIEW. Rejected attempts change nothing.
 * Leads that ended (terminal states, erasure) are forgotten.
 */
public final class SalesQueue {

    public static final Set<LeadState> WAITING = Set.of(LeadState.MQL, LeadState.SALES_REVIEW);
    private static final Set<LeadState> ENDED = Set.of(LeadState.DISQUALIFIED, LeadState.MERGED, LeadState.CUSTOMER,
            LeadState.ERASED);

    private final Map<String, QueuedLead> leads = new ConcurrentHashMap<>();
    private final Map<String, QualifiedLead> detailsWithoutState = new ConcurrentHashMap<>();

    public void applyLifecycle(LifecycleEvent event) {
        if (event.getRejected()) {
            return;
        }
        if (ENDED.contains(event.getTo())) {
            leads.remove(event.getLeadId());
            detailsWithoutState.remove(event.getLeadId());
            return;
        }
        leads.compute(event.getLeadId(), (id, current) -> QueuedLead.of(event,
                current != null ? current.details() : detailsWithoutState.remove(id)));
    }

    public void applyQualified(QualifiedLead qualified) {
        QueuedLead updated = leads.computeIfPresent(qualified.getLeadId(), (id, current) -> current.withDetails(qualified));
        if (updated == null) {
            // The details may arrive before the lifecycle event (different topics).
            detailsWithoutState.put(qualified.getLeadId(), qualified);
        }
    }

    public Optional<QueuedLead> lead(String leadId) {
        return Optional.ofNullable(leads.get(leadId));
    }

    /** Waiting leads, oldest first. */
    public List<QueuedLead> waiting(Set<LeadState> states, int limit) {
        return leads.values().stream()
                .filter(l -> WAITING.contains(l.state()) && (states.isEmpty() || states.contains(l.state())))
                .sorted(Comparator.comparing(QueuedLead::since).thenComparing(QueuedLead::leadId))
                .limit(limit)
                .toList();
    }
}
