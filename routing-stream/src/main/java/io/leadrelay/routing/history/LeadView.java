package io.leadrelay.routing.history;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code GET /api/v1/leads/{leadId}} (CONTRACT.md, JSON shapes). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LeadView(String leadId, String state, Owner owner, String deadline, int attempts, String grade,
        List<Step> history) {

    public record Owner(String type, String partnerId) {
    }

    public record Step(String at, String from, String to, boolean rejected, String reason, String reasonText,
            String actor, Map<String, Object> details) {
    }
}
