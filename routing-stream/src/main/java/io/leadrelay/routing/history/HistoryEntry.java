package io.leadrelay.routing.history;

/**
 * One lifecycle event of a lead as stored for {@code GET /api/v1/leads/{leadId}}. The decision details stay the
 * event's JSON text: they are parsed only when the lead is queried, not for every event on the hot path.
 */
public record HistoryEntry(String eventId, String at, String from, String to, boolean rejected, String reason,
        String reasonText, String actor, String ownerType, String ownerId, String deadline, int attempt, String grade,
        String detailsJson) {

    /** Without the free text and decision details, which may carry personal data. */
    public HistoryEntry scrubbed() {
        return new HistoryEntry(eventId, at, from, to, rejected, reason, null, actor, ownerType, ownerId, deadline,
                attempt, grade, null);
    }
}
