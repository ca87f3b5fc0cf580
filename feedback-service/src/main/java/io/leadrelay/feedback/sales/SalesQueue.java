package io.leadrelay.feedback.sales;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.leadrelay.feedback.kafka.PackedRecords;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.LifecycleEvent;
import io.leadrelay.schemas.QualifiedLead;

/**
 * Leads waiting for inside sales, from {@code leads.lifecycle} (state and why) and {@code leads.mql}
 * (details): those whose latest accepted state is MQL or SALES_REVIEW. Rejected attempts change nothing.
 * Leads that ended (terminal states, erasure) are forgotten. Of the other leads only the state is kept (so a
 * decision on them is a 409, not a 404) — with the details, packed, while routing may still send the lead back to
 * SALES_REVIEW — and only for the {@code knownLeads} most recently changed: every lead ever seen would not fit
 * in memory.
 */
public final class SalesQueue {

    public static final Set<LeadState> WAITING = Set.of(LeadState.MQL, LeadState.SALES_REVIEW);
    private static final Set<LeadState> ENDED = Set.of(LeadState.DISQUALIFIED, LeadState.MERGED, LeadState.CUSTOMER,
            LeadState.ERASED);
    /** Routing's states from which a lead can come back to sales (SALES_REVIEW); nurture brings a new MQL record. */
    private static final Set<LeadState> MAY_COME_BACK = EnumSet.of(LeadState.SQL, LeadState.OFFERED,
            LeadState.ASSIGNED, LeadState.ACCEPTED, LeadState.RETURNED, LeadState.EXPIRED);

    private final Map<String, QueuedLead> waiting = new ConcurrentHashMap<>();
    /** In order of the last change, the eldest forgotten first. */
    private final Map<String, Known> known;
    private final Map<String, QualifiedLead> detailsWithoutState = new ConcurrentHashMap<>();
    private final PackedRecords<QualifiedLead> packed = new PackedRecords<>(QualifiedLead.class);

    public SalesQueue(int knownLeads) {
        this.known = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > knownLeads;
            }
        };
    }

    /** A lead not waiting for sales: its state, and its packed details while it may come back. */
    private record Known(LeadState state, byte[] details) {
    }

    // Writers and state() are synchronized: lifecycle and mql are read by two threads, and one lead's details must
    // not slip between them; waiting() reads the concurrent map alone.
    public synchronized void applyLifecycle(LifecycleEvent event) {
        if (event.getRejected()) {
            return;
        }
        String leadId = event.getLeadId();
        LeadState to = event.getTo();
        if (ENDED.contains(to)) {
            waiting.remove(leadId);
            forget(leadId);
            detailsWithoutState.remove(leadId);
            return;
        }
        // Details that arrived ahead of this event are newer than those kept with the lead.
        QualifiedLead details = detailsWithoutState.remove(leadId);
        QueuedLead queued = waiting.get(leadId);
        Known other = forget(leadId);
        if (details == null) {
            details = queued != null ? queued.details()
                    : other != null && other.details() != null ? packed.unpack(other.details()) : null;
        }
        if (WAITING.contains(to)) {
            waiting.put(leadId, QueuedLead.of(event, details));
        } else {
            waiting.remove(leadId);
            known.put(leadId, new Known(to, MAY_COME_BACK.contains(to) && details != null ? packed.pack(details) : null));
        }
    }

    public synchronized void applyQualified(QualifiedLead qualified) {
        String leadId = qualified.getLeadId();
        if (waiting.computeIfPresent(leadId, (id, current) -> current.withDetails(qualified)) != null) {
            return;
        }
        Known other = known.get(leadId);
        if (other != null && MAY_COME_BACK.contains(other.state())) {
            known.put(leadId, new Known(other.state(), packed.pack(qualified)));
            return;
        }
        // The details may arrive before the lifecycle event (different topics).
        detailsWithoutState.put(leadId, qualified);
    }

    private Known forget(String leadId) {
        return known.remove(leadId);
    }

    /** The lead's current state, if the queue knows the lead. */
    public synchronized Optional<LeadState> state(String leadId) {
        QueuedLead queued = waiting.get(leadId);
        if (queued != null) {
            return Optional.of(queued.state());
        }
        Known other = known.get(leadId);
        return Optional.ofNullable(other == null ? null : other.state());
    }

    /** Waiting leads, oldest first. */
    public List<QueuedLead> waiting(Set<LeadState> states, int limit) {
        return waiting.values().stream()
                .filter(l -> states.isEmpty() || states.contains(l.state()))
                .sorted(Comparator.comparing(QueuedLead::since).thenComparing(QueuedLead::leadId))
                .limit(limit)
                .toList();
    }
}
