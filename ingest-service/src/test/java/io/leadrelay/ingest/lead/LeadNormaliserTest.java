package io.leadrelay.ingest.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.leadrelay.ingest.Leads;
import io.leadrelay.ingest.formats.JsonSubmissions;
import io.leadrelay.schemas.LeadProfile;

class LeadNormaliserTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private final LeadNormaliser normaliser = new LeadNormaliser(NormaliserSettings.defaults(), clock);

    private Normalised normalise(String json) {
        return normaliser.normalise(JsonSubmissions.fromObject(JsonSubmissions.parse(json.getBytes())), Origin.of("api", null));
    }

    @Test
    void contractExampleIsNormalised() {
        Normalised result = normalise(Leads.json("Anna.Schmidt@Example-GmbH.DE"));
        assertThat(result.errors()).isEmpty();
        LeadProfile lead = result.profile();
        assertThat(lead.getContact().getEmail()).isEqualTo("Anna.Schmidt@example-gmbh.de");
        assertThat(lead.getContact().getPhone()).isEqualTo("+49891234567");
        assertThat(lead.getCompany().getCountry()).isEqualTo("DE");
        assertThat(lead.getCompany().getPostalCode()).isEqualTo("80538");
        assertThat(lead.getCompany().getCity()).isEqualTo("München");
        assertThat(lead.getFacts().getPurchaseDecision()).isEqualTo(LocalDate.of(2027, 9, 30));
        assertThat(lead.getFacts().getPurchaseDecisionText()).isEqualTo("Q3 2027");
        assertThat(lead.getFacts().getExpectedVolume().getAmount()).isEqualTo(new BigDecimal("120000.00"));
        assertThat(lead.getFacts().getExpectedVolume().getCurrency()).isEqualTo("EUR");
        assertThat(lead.getConsent().getTimestamp()).isEqualTo(Instant.parse("2026-11-20T09:30:00Z"));
        assertThat(lead.getSource().getChannel()).isEqualTo("web-form");
    }

    @Test
    void countryNamesInSeveralLanguagesResolveToIsoCodes() {
        assertThat(Countries.resolve("Deutschland")).contains("DE");
        assertThat(Countries.resolve("germany")).contains("DE");
        assertThat(Countries.resolve("Österreich")).contains("AT");
        assertThat(Countries.resolve("Schweiz")).contains("CH");
        assertThat(Countries.resolve("NLD")).contains("NL");
        assertThat(Countries.resolve("UK")).contains("GB");
        assertThat(Countries.resolve("Atlantis")).isEmpty();
    }

    @Test
    void postalCodesTakeTheirCountrysForm() {
        assertThat(PostalCodes.normalise("1234ab", "NL")).contains("1234 AB");
        assertThat(PostalCodes.normalise("sw1a1aa", "GB")).contains("SW1A 1AA");
        assertThat(PostalCodes.normalise("00950", "PL")).contains("00-950");
        assertThat(PostalCodes.normalise("CH-8001", "CH")).contains("8001");
        assertThat(PostalCodes.normalise("8053", "DE")).isEmpty();
    }

    @Test
    void purchaseDecisionTimeframesResolveToDates() {
        LocalDate today = LocalDate.of(2026, 11, 27);
        assertThat(PurchaseDecisions.resolve("2027-06", today)).contains(LocalDate.of(2027, 6, 30));
        assertThat(PurchaseDecisions.resolve("in 6 months", today)).contains(LocalDate.of(2027, 5, 27));
        assertThat(PurchaseDecisions.resolve("2027 Q1", today)).contains(LocalDate.of(2027, 3, 31));
        assertThat(PurchaseDecisions.resolve("in 2 Jahren", today)).contains(LocalDate.of(2028, 11, 27));
        assertThat(PurchaseDecisions.resolve("someday", today)).isEmpty();
        assertThat(PurchaseDecisions.resolve("2099-01-01", today)).isEmpty();
    }

    @Test
    void nameAndEmailOrPhoneAndConsentAreRequired() {
        Normalised result = normalise("{\"company\": \"Example GmbH\", \"country\": \"DE\"}");
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.errors()).extracting(FieldError::field).contains("lastName", "email", "consent.marketing");
    }

    @Test
    void phoneAloneIsEnoughContact() {
        Normalised result = normalise("""
                {"lastName": "Schmidt", "phone": "+43 1 5138833", "company": "Beispiel AG", "country": "AT",
                 "consent": {"marketing": false}}""");
        assertThat(result.errors()).isEmpty();
        assertThat(result.profile().getContact().getPhone()).isEqualTo("+4315138833");
    }

    @Test
    void configuredTestEmailDomainMarksTestLead() {
        Normalised result = normalise(Leads.json("qa@leads.example.test"));
        assertThat(result.profile().getTest()).isTrue();
    }

    @Test
    void scriptAndSqlInNamesAreRefused() {
        Normalised result = normalise("""
                {"firstName": "<script>alert(1)</script>", "lastName": "x'); DROP TABLE leads;--",
                 "email": "a@b.de", "company": "ACME' OR 1=1 --", "country": "DE", "consent": {"marketing": true}}""");
        assertThat(result.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("firstName", "lastName", "company");
    }
}
