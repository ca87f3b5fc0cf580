package io.leadrelay.feedback.partner;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.regex.Pattern;

import io.leadrelay.feedback.http.FieldReader;
import io.leadrelay.feedback.http.JsonInput;
import io.leadrelay.schemas.Actor;
import io.leadrelay.schemas.FeedbackType;
import io.leadrelay.schemas.LeadFeedback;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.PartnerReturn;
import io.leadrelay.schemas.ReturnReason;

/**
 * Reads and validates partner action bodies into the records routing receives. The partner id always
 * comes from the credential; a body naming one is refused as an unknown field.
 */
public final class PartnerRequests {

    static final String DEFAULT_CURRENCY = "EUR";
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private PartnerRequests() {
    }

    public static LeadFeedback accept(String body, String requestId, String leadId, String partnerId, Instant now) {
        FieldReader fields = new FieldReader(JsonInput.object(body, true));
        fields.throwIfInvalid();
        return feedback(requestId, leadId, partnerId, now, FeedbackType.ACCEPT).build();
    }

    public static PartnerReturn returned(String body, String requestId, String leadId, String partnerId, Instant now) {
        FieldReader fields = new FieldReader(JsonInput.object(body, false), "reason", "comment");
        ReturnReason reason = fields.enumValue("reason", ReturnReason.class, true);
        String comment = fields.text("comment", reason == ReturnReason.OTHER, 2000);
        fields.throwIfInvalid();
        return PartnerReturn.newBuilder().setRequestId(requestId).setLeadId(leadId).setPartnerId(partnerId)
                .setReason(reason).setComment(comment).setAt(now).build();
    }

    public static LeadFeedback progress(String body, String requestId, String leadId, String partnerId, Instant now) {
        FieldReader fields = new FieldReader(JsonInput.object(body, false), "note", "expectedCloseDate", "value",
                "currency");
        String note = fields.text("note", false, 2000);
        LocalDate expectedClose = fields.date("expectedCloseDate", false);
        if (expectedClose != null && expectedClose.isBefore(LocalDate.ofInstant(now, java.time.ZoneOffset.UTC))) {
            fields.error("expectedCloseDate", "must not be in the past");
        }
        Money value = money(fields);
        if (note == null && expectedClose == null && value == null && fields.errors().isEmpty()) {
            fields.error("note", "a progress update needs a note, an expectedCloseDate or a value");
        }
        fields.throwIfInvalid();
        return feedback(requestId, leadId, partnerId, now, FeedbackType.PROGRESS).setNote(note)
                .setExpectedCloseDate(expectedClose).setValue(value).build();
    }

    public static LeadFeedback close(String body, String requestId, String leadId, String partnerId, Instant now) {
        FieldReader fields = new FieldReader(JsonInput.object(body, false), "outcome", "value", "currency",
                "lostReason", "note");
        Outcome outcome = fields.enumValue("outcome", Outcome.class, true);
        String lostReason = fields.line("lostReason", outcome == Outcome.LOST, 200);
        if (outcome == Outcome.WON && lostReason != null) {
            fields.error("lostReason", "only for outcome LOST");
        }
        Money value = money(fields);
        String note = fields.text("note", false, 2000);
        fields.throwIfInvalid();
        return feedback(requestId, leadId, partnerId, now, outcome == Outcome.WON ? FeedbackType.WON : FeedbackType.LOST)
                .setValue(value).setLostReason(lostReason).setNote(note).build();
    }

    private static Money money(FieldReader fields) {
        BigDecimal amount = fields.money("value", false);
        String currency = fields.matching("currency", false, CURRENCY, "must be an ISO 4217 code, e.g. EUR");
        if (currency != null && !isCurrency(currency)) {
            fields.error("currency", "must be an ISO 4217 code, e.g. EUR");
            return null;
        }
        if (currency != null && amount == null && !fields.has("value")) {
            fields.error("value", "is required with a currency");
        }
        return amount == null ? null : new Money(amount, currency == null ? DEFAULT_CURRENCY : currency);
    }

    static boolean isCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static LeadFeedback.Builder feedback(String requestId, String leadId, String partnerId, Instant now,
            FeedbackType type) {
        return LeadFeedback.newBuilder().setRequestId(requestId).setLeadId(leadId).setType(type)
                .setActor(new Actor("PARTNER", partnerId)).setPartnerId(partnerId).setAt(now);
    }

    enum Outcome {
        WON, LOST
    }
}
