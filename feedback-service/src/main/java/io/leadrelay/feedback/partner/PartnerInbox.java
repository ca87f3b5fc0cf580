package io.leadrelay.feedback.partner;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.LeadState;

/**
 * Every partner's leads, derived from {@code leads.assignments} alone. An entry only ever changes through
 * events addressed to that partner, so one partner's view cannot contain another partner's lead. Leads the
 * partner holds stay as long as it holds them; of the released ones (returned, closed, withdrawn, reclaimed),
 * kept so the partner gets a 409 with the state rather than a 404, only the most recent {@code releasedKept}
 * stay — older ones answer 404 as if never offered. Events are applied by one thread.
 */
public final class PartnerInbox {

    /** States in which a lead is in a partner's inbox. */
    public static final Set<LeadState> OPEN_STATES = Set.of(LeadState.OFFERED, LeadState.ASSIGNED, LeadState.ACCEPTED);

    private final Map<String, Map<String, InboxEntry>> byPartner = new ConcurrentHashMap<>();
    private final int releasedKept;
    /** Released entries, oldest release first; an entry no longer current is skipped when its turn comes. */
    private final Deque<InboxEntry> released = new ArrayDeque<>();

    public PartnerInbox(int releasedKept) {
        this.releasedKept = releasedKept;
    }

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
                    InboxEntry entry = current.released(releasedState(event), event);
                    leads.put(event.getLeadId(), entry);
                    remember(entry);
                }
            }
            case ERASED -> leads.remove(event.getLeadId());
            case ACTION_REJECTED, OTHER -> {
                // An answer only; routing sends the event that changes the inbox separately.
            }
        }
    }

    private void remember(InboxEntry entry) {
        released.addLast(entry);
        while (released.size() > releasedKept) {
            InboxEntry eldest = released.pollFirst();
            // Only if it is still that entry: the lead may have been offered to the partner again since.
            Map<String, InboxEntry> leads = byPartner.get(eldest.partnerId());
            if (leads != null) {
                leads.remove(eldest.leadId(), eldest);
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
