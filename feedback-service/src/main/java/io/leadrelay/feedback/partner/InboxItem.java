package io.leadrelay.feedback.partner;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

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
        ContactView contact = e.contact() == null ? null : new ContactView(name(e.contact().getFirstName(),
                e.contact().getLastName()), e.contact().getFirstName(), e.contact().getLastName(),
                e.contact().getEmail(), e.contact().getPhone());
        CompanyView company = e.company() == null ? null : new CompanyView(e.company().getName(),
                e.company().getWebsite(), e.company().getCountry(), e.company().getPostalCode(), e.company().getCity());
        QualificationView qualification = e.facts() == null ? null : new QualificationView(
                e.facts().getPurchaseDecision() != null ? e.facts().getPurchaseDecision().toString()
                        : e.facts().getPurchaseDecisionText(),
                e.facts().getPurchaseDecision(), MoneyView.of(e.facts().getExpectedVolume()),
                e.facts().getCurrentProduct(), e.facts().getProductInterest(), e.facts().getMessage());
        QualityView quality = e.quality() == null ? null
                : new QualityView(e.quality().getGrade().name(), e.quality().getScore());
        HistoryView history = e.held() ? new HistoryView(e.attempt(), e.previousReturnReasons()) : null;
        return new InboxItem(e.leadId(), e.state().name(), e.deadline(), e.since(), e.updatedAt(),
                e.held() ? null : e.reason(), contact, company, qualification, quality, history);
    }

    private static String name(String first, String last) {
        String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return joined.isEmpty() ? null : joined;
    }
}
