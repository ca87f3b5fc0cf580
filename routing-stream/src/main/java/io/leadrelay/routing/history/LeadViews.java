package io.leadrelay.routing.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;

import io.leadrelay.routing.kafka.Json;

import io.leadrelay.routing.lead.LeadCase;
import io.leadrelay.schemas.OwnerType;

/**
 * The lead view from routing's state (leads routing holds) or, for leads only qualification has seen, from the last
 * state change in the history.
 */
public final class LeadViews {

    private LeadViews() {
    }

    public static Optional<LeadView> of(String leadId, LeadCase c, LeadHistory history) {
        List<HistoryEntry> entries = history == null ? List.of() : history.entries();
        List<LeadView.Step> steps = entries.stream()
                .map(e -> new LeadView.Step(e.at(), e.from(), e.to(), e.rejected(), e.reason(), e.reasonText(),
                        e.actor(), details(e.detailsJson())))
                .toList();
        if (c != null) {
            String partnerId = c.ownerType == OwnerType.PARTNER ? c.ownerId : null;
            return Optional.of(new LeadView(leadId, c.state.name(), new LeadView.Owner(c.ownerType.name(), partnerId),
                    c.deadline == null ? null : Instant.ofEpochMilli(c.deadline).toString(), c.attempts,
                    c.grade == null ? null : c.grade.name(), steps));
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        HistoryEntry last = entries.stream().filter(e -> !e.rejected()).reduce((a, b) -> b)
                .orElse(entries.get(entries.size() - 1));
        return Optional.of(new LeadView(leadId, last.to(), new LeadView.Owner(last.ownerType(),
                "PARTNER".equals(last.ownerType()) ? last.ownerId() : null), last.deadline(), last.attempt(),
                last.grade(), steps));
    }

    /** The decision details as a JSON object; details that are not one are shown as text. */
    private static Map<String, Object> details(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            return Map.of("text", json);
        }
    }
}
