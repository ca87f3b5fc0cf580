package io.leadrelay.routing.lead;

import io.leadrelay.routing.history.HistoryEntry;
import io.leadrelay.schemas.LifecycleEvent;

/** A lifecycle event as a history entry. */
final class HistoryMapper {

    private HistoryMapper() {
    }

    static HistoryEntry entry(LifecycleEvent e) {
        return new HistoryEntry(e.getEventId(), e.getAt().toString(), e.getFrom() == null ? null : e.getFrom().name(),
                e.getTo().name(), e.getRejected(), e.getReason(), e.getReasonText(),
                actor(e),
                e.getOwnerType().name(), e.getOwnerId(), e.getDeadline() == null ? null : e.getDeadline().toString(),
                e.getAttempt(), e.getGrade() == null ? null : e.getGrade().name(), e.getDetailsJson());
    }

    /** "rule:partner-selection", "partner:p-muc-01", "sales:u-7": rule ids already carry their prefix. */
    private static String actor(LifecycleEvent e) {
        String id = e.getActor().getId();
        return id.contains(":") ? id : e.getActor().getType().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
