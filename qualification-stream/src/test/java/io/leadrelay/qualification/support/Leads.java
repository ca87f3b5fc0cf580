package io.leadrelay.qualification.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.CompanyRef;
import io.leadrelay.schemas.Consent;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.LeadSource;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.QualificationFacts;
import io.leadrelay.schemas.RawLead;

/** Test leads: a complete, consenting lead of a known company whose decision is 7 months after TODAY. */
public final class Leads {

    public static final Instant NOW = Instant.parse("2026-11-27T09:30:00Z");
    public static final LocalDate TODAY = LocalDate.parse("2026-11-27");

    private Leads() {
    }

    public static LeadProfile.Builder profile(String email) {
        return LeadProfile.newBuilder()
                .setContact(Contact.newBuilder().setFirstName("Anna").setLastName("Schmidt").setEmail(email)
                        .setPhone("+49891234567").build())
                .setCompany(CompanyRef.newBuilder().setName("Example GmbH").setWebsite("example-gmbh.de")
                        .setCountry("DE").setPostalCode("80538").setCity("München").build())
                .setFacts(QualificationFacts.newBuilder().setPurchaseDecisionText("2027-06-30")
                        .setPurchaseDecision(TODAY.plusMonths(7))
                        .setExpectedVolume(money("120000.00")).setCurrentProduct("Competitor X")
                        .setProductInterest("industrial-printers").setMessage("Need 40 units").build())
                .setConsent(Consent.newBuilder().setMarketing(true).setTimestamp(NOW).setText("newsletter-v3").build())
                .setSource(LeadSource.newBuilder().setChannel("web-form").setCampaign("autumn-fair")
                        .setUtm(Map.of("source", "linkedin")).build())
                .setTest(false);
    }

    public static RawLead raw(String leadId, LeadProfile profile) {
        return raw(leadId, profile, NOW);
    }

    public static RawLead raw(String leadId, LeadProfile profile, Instant receivedAt) {
        return RawLead.newBuilder().setLeadId(leadId).setReceivedAt(receivedAt).setProfile(profile)
                .setRawContentType("application/json").setRawSubmission("{}").build();
    }

    public static Money money(String amount) {
        return new Money(new BigDecimal(amount), "EUR");
    }

    public static CompanyProfile company(String domain, String revenue, int employees) {
        return CompanyProfile.newBuilder().setDomain(domain).setName("Example GmbH").setAnnualRevenue(money(revenue))
                .setEmployees(employees).setIndustry("manufacturing").setCountry("DE").setUpdatedAt(NOW).build();
    }
}
