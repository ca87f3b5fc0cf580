package io.leadrelay.feedback.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadrelay.schemas.QualifiedLead;

/** A lead in the inside-sales queue, with why it is there. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueItem(String leadId, String state, Instant since, Why why, Instant deadline, int attempt,
        String grade, Integer score, Contact contact, Company company, Facts qualification, List<String> criteriaMet,
        List<String> criteriaMissing, String sourceChannel, String campaign) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Why(String reason, String reasonText, String actor, JsonNode details) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String firstName, String lastName, String email, String phone) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Company(String name, String website, String country, String postalCode, BigDecimal annualRevenue,
            String revenueCurrency, Integer employees, String industry) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Facts(String purchaseDecisionText, LocalDate purchaseDecision, BigDecimal expectedVolume,
            String currency, String currentProduct, String productInterest, String message) {
    }

    static QueueItem of(QueuedLead lead, ObjectMapper json) {
        Why why = new Why(lead.reason(), lead.reasonText(), lead.latest().getActor().getType() + ":"
                + lead.latest().getActor().getId(), details(lead.latest().getDetailsJson(), json));
        QualifiedLead q = lead.details();
        String grade = lead.latest().getGrade() != null ? lead.latest().getGrade().name()
                : q != null ? q.getQuality().getGrade().name() : null;
        if (q == null) {
            return new QueueItem(lead.leadId(), lead.state().name(), lead.since(), why, lead.deadline(), lead.attempt(),
                    grade, null, null, null, null, null, null, lead.latest().getSourceChannel(), lead.latest().getCampaign());
        }
        var p = q.getProfile();
        var c = q.getCompany();
        var f = p.getFacts();
        return new QueueItem(lead.leadId(), lead.state().name(), lead.since(), why, lead.deadline(), lead.attempt(),
                grade, q.getQuality().getScore(),
                new Contact(p.getContact().getFirstName(), p.getContact().getLastName(), p.getContact().getEmail(),
                        p.getContact().getPhone()),
                new Company(p.getCompany().getName(), p.getCompany().getWebsite(), p.getCompany().getCountry(),
                        p.getCompany().getPostalCode(),
                        c.getAnnualRevenue() == null ? null : c.getAnnualRevenue().getAmount(),
                        c.getAnnualRevenue() == null ? null : c.getAnnualRevenue().getCurrency(),
                        c.getEmployees(), c.getIndustry()),
                new Facts(f.getPurchaseDecisionText(), f.getPurchaseDecision(),
                        f.getExpectedVolume() == null ? null : f.getExpectedVolume().getAmount(),
                        f.getExpectedVolume() == null ? null : f.getExpectedVolume().getCurrency(),
                        f.getCurrentProduct(), f.getProductInterest(), f.getMessage()),
                q.getCriteriaMet(), q.getCriteriaMissing(), p.getSource().getChannel(), p.getSource().getCampaign());
    }

    private static JsonNode details(String detailsJson, ObjectMapper json) {
        if (detailsJson == null) {
            return null;
        }
        try {
            return json.readTree(detailsJson);
        } catch (Exception e) {
            return null;
        }
    }
}
