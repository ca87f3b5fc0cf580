package io.leadrelay.feedback.partner;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.ReturnReason;

/** A lead in a partner's inbox (CONTRACT.md, partner inbox item): only what the partner needs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboxItem(String leadId, String state, Instant deadline, Instant since, Instant updatedAt, String reason,
        ContactView contact, CompanyView company, QualificationView qualification, QualityView quality,
        HistoryView history) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactView(String name, String firstName, String lastName, String email, String phone) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CompanyView(String name, String website, String country, String postalCode, String city) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QualificationView(String purchaseDecision, LocalDate purchaseDecisionDate, MoneyView expectedVolume,
            String currentProduct, String productInterest, String message) {
    }

    public record MoneyView(BigDecimal amount, String currency) {
        static MoneyView of(Money money) {
            return money == null ? null : new MoneyView(money.getAmount(), money.getCurrency());
        }
    }

    public record QualityView(String grade, int score) {
    }

    public record HistoryView(int attempt, List<ReturnReason> previousReturnReasons) {
    }

    public static InboxItem of(InboxEntry e) {
        return of(e.leadId(), e.state(), e.deadline(), e.since(), e.updatedAt(), e.held() ? null : e.reason(),
                e.details(), e.held() ? new HistoryView(e.attempt(), e.previousReturnReasons()) : null);
    }

    /** An offer or assignment as the partner's inbox shows it once applied (webhook payloads). */
    public static InboxItem ofOffer(AssignmentEvent offer) {
        return of(offer.getLeadId(), offer.getState(), offer.getDeadline(), offer.getAt(), offer.getAt(), null,
                LeadDetails.of(offer), new HistoryView(offer.getAttempt(), List.copyOf(offer.getPreviousReturnReasons())));
    }

    private static InboxItem of(String leadId, LeadState state, Instant deadline, Instant since, Instant updatedAt,
            String reason, LeadDetails d, HistoryView history) {
        ContactView contact = d.contact() == null ? null : new ContactView(name(d.contact().getFirstName(),
                d.contact().getLastName()), d.contact().getFirstName(), d.contact().getLastName(),
                d.contact().getEmail(), d.contact().getPhone());
        CompanyView company = d.company() == null ? null : new CompanyView(d.company().getName(),
                d.company().getWebsite(), d.company().getCountry(), d.company().getPostalCode(), d.company().getCity());
        QualificationView qualification = d.facts() == null ? null : new QualificationView(
                d.facts().getPurchaseDecision() != null ? d.facts().getPurchaseDecision().toString()
                        : d.facts().getPurchaseDecisionText(),
                d.facts().getPurchaseDecision(), MoneyView.of(d.facts().getExpectedVolume()),
                d.facts().getCurrentProduct(), d.facts().getProductInterest(), d.facts().getMessage());
        QualityView quality = d.quality() == null ? null
                : new QualityView(d.quality().getGrade().name(), d.quality().getScore());
        return new InboxItem(leadId, state.name(), deadline, since, updatedAt, reason, contact, company, qualification,
                quality, history);
    }

    private static String name(String first, String last) {
        String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return joined.isEmpty() ? null : joined;
    }
}
