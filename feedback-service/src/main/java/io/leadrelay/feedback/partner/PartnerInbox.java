package io.leadrelay.feedback.partner;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.LeadState;

/**
 * Every partner's leads, derived from {@code leads.assignments} alone. An entry only ever changes through
 * events addressed to that partner, so one partner's view cannot contain another partner's lead.
 */
public final class PartnerInbox {

    /** States in which a lead is in a partner's inbox. */
    public static final Set<LeadState> OPEN_STATES = Set.of(LeadState.OFFERED, LeadState.ASSIGNED, LeadState.ACCEPTED);

    private final Map<String, Map<String, InboxEntry>> byPartner = new ConcurrentHashMap<>();

    public void apply(AssignmentEvent event) {
        Map<String, InboxEntry> leads = byPartner.computeIfAbsent(event.getPartnerId(), p -> new ConcurrentHashMap<>());
        InboxEntry current = leads.get(event.getLeadId());
        switch (event.getType()) {
            case OFFERED -> leads.put(event.getLeadId(), InboxEntry.offered(event, LeadState.OFFERED));
            case ASSIGNED -> leads.put(event.getLeadId(), InboxEntry.offered(event, LeadState.ASSIGNED));
            case ACCEPTED -> leads.put(event.getLeadId(), current == null
                    ? InboxEntry.offered(event, LeadState.ACCEPTED) : current.heldAs(LeadState.ACCEPTED, event));
            case PROGRESS_RECORDED, PROGRESS_REMINDER -> {
                if (current != null && current.held()) {
                    leads.put(event.getLeadId(), current.heldAs(current.state(), event));
                }
            }
            case CLOSED, RETURNED, WITHDRAWN, RECLAIMED -> {
                if (current != null) {
                    leads.put(event.getLeadId(), current.released(releasedState(event), event));
                }
            }
            case ERASED -> leads.remove(event.getLeadId());
            case ACTION_REJECTED, OTHER -> {
                // An answer only; routing sends the event that changes the inbox separately.
            }
        }
    }

    private static LeadState releasedState(AssignmentEvent event) {
        if (event.getState() != null && event.getState() != LeadState.UNKNOWN) {
            return event.getState();
        }
        return switch (event.getType()) {
            case RETURNED -> LeadState.RETURNED;
            case RECLAIMED -> LeadState.EXPIRED;
            default -> LeadState.UNKNOWN;
        };
    }

    public Optional<InboxEntry> entry(String partnerId, String leadId) {
        return Optional.ofNullable(byPartner.getOrDefault(partnerId, Map.of()).get(leadId));
    }

    /** The leads the partner holds now, oldest first, optionally only those in the given states. */
    public List<InboxEntry> open(String partnerId, Set<LeadState> states) {
        return byPartner.getOrDefault(partnerId, Map.of()).values().stream()
                .filter(InboxEntry::held)
                .filter(e -> states.isEmpty() || states.contains(e.state()))
                .sorted(Comparator.comparing(InboxEntry::since).thenComparing(InboxEntry::leadId))
                .toList();
    }
}
