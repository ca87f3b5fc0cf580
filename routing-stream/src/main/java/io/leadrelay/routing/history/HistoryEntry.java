package io.leadrelay.routing.history;

import java.util.Map;

/** One lifecycle event of a lead as shown in {@code GET /api/v1/leads/{leadId}}. */
public record HistoryEntry(String eventId, String at, String from, String to, boolean rejected, String reason,
        String reasonText, String actor, String ownerType, String ownerId, String deadline, int attempt, String grade,
        Map<String, Object> details) {
}
