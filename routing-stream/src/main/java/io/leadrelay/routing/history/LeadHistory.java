package io.leadrelay.routing.history;

import java.util.ArrayList;
import java.util.List;

/** Every lifecycle event of one lead in arrival order; events already seen (by id) are not added twice. */
public final class LeadHistory {

    public List<HistoryEntry> entries = new ArrayList<>();

    public boolean add(HistoryEntry entry) {
        if (entries.stream().anyMatch(e -> e.eventId().equals(entry.eventId()))) {
            return false;
        }
        entries.add(entry);
        return true;
    }

    /** After an erasure: free text and decision details may carry personal data, so only the skeleton stays. */
    public void scrub() {
        entries.replaceAll(e -> new HistoryEntry(e.eventId(), e.at(), e.from(), e.to(), e.rejected(), e.reason(), null,
                e.actor(), e.ownerType(), e.ownerId(), e.deadline(), e.attempt(), e.grade(), null));
    }
}
