package io.leadrelay.feedback.sales;

import java.time.Instant;

import io.leadrelay.feedback.auth.JwtVerifier;
import io.leadrelay.feedback.http.FieldReader;
import io.leadrelay.feedback.http.JsonInput;
import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.Channel;
import io.leadrelay.schemas.FeedbackType;
import io.leadrelay.schemas.LeadFeedback;

/** Reads and validates inside-sales decision bodies into {@code LeadFeedback} records. */
public final class SalesDecisions {

    private SalesDecisions() {
    }

    public static LeadFeedback qualify(String body, String requestId, String leadId, String userId, Instant now) {
        FieldReader fields = new FieldReader(JsonInput.object(body, true), "channel", "partnerId", "note");
        Channel channel = fields.enumValue("channel", Channel.class, false);
        String partnerId = fields.matching("partnerId", false, JwtVerifier.PARTNER_ID,
                "must be a partner id (lower-case letters, digits, hyphens)");
        if (partnerId != null && channel == Channel.DIRECT) {
            fields.error("partnerId", "a pinned partner needs channel PARTNER");
        }
        String note = fields.text("note", false, 2000);
        fields.throwIfInvalid();
        return decision(requestId, leadId, userId, now, FeedbackType.QUALIFY)
                .setChannel(partnerId != null ? Channel.PARTNER : channel)
                .setPinnedPartnerId(partnerId).setNote(note).build();
    }

    public static LeadFeedback nurture(String body, String requestId, String leadId, String userId, Instant now) {
        return withReason(body, requestId, leadId, userId, now, FeedbackType.NURTURE);
    }

    public static LeadFeedback disqualify(String body, String requestId, String leadId, String userId, Instant now) {
        return withReason(body, requestId, leadId, userId, now, FeedbackType.DISQUALIFY);
    }

    private static LeadFeedback withReason(String body, String requestId, String leadId, String userId, Instant now,
            FeedbackType type) {
        FieldReader fields = new FieldReader(JsonInput.object(body, false), "reason", "note");
        String reason = fields.line("reason", true, 500);
        String note = fields.text("note", false, 2000);
        fields.throwIfInvalid();
        return decision(requestId, leadId, userId, now, type).setReason(reason).setNote(note).build();
    }

    private static LeadFeedback.Builder decision(String requestId, String leadId, String userId, Instant now,
            FeedbackType type) {
        return LeadFeedback.newBuilder().setRequestId(requestId).setLeadId(leadId).setType(type)
                .setActor(new Actor("SALES", userId)).setAt(now);
    }
}
