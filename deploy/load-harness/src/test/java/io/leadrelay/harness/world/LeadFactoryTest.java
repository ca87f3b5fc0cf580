package io.leadrelay.harness.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.leadrelay.deploy.DemoData;
import io.leadrelay.schemas.CompanyProfile;

class LeadFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<CompanyProfile> companies = DemoData.companies(2000, 7, NOW);
    private final PartnerNetwork network = PartnerNetwork.generate(200, 7, 100, 0, Duration.ofHours(48), NOW);

    private List<SyntheticLead> leads(LeadMix mix, int count) {
        LeadFactory factory = new LeadFactory(companies, network, mix, 42, "t1", CLOCK);
        return java.util.stream.Stream.generate(factory::next).limit(count).toList();
    }

    @Test
    void loadLeadsAllReachAPartnerOrDirectSalesExceptTheFewNurturedAndDuplicates() {
        List<SyntheticLead> leads = leads(LeadMix.LOAD, 2000);
        Map<SyntheticLead.Intent, Long> intents = leads.stream()
                .collect(Collectors.groupingBy(SyntheticLead::intent, Collectors.counting()));
        assertThat(intents.get(SyntheticLead.Intent.PARTNER)).isGreaterThan(1700);
        assertThat(intents.get(SyntheticLead.Intent.DIRECT)).isBetween(50L, 160L);
        assertThat(leads.stream().filter(l -> l.intent() == SyntheticLead.Intent.PARTNER))
                .allSatisfy(l -> assertThat(network.covered(l.country(), l.postalCode(), l.product())).isTrue());
        assertThat(leads.stream().filter(SyntheticLead::expectsRouting).count())
                .isEqualTo(intents.get(SyntheticLead.Intent.PARTNER) + intents.get(SyntheticLead.Intent.DIRECT));
    }

    @Test
    void everyLeadCarriesTheFactsAnMqlNeedsWithADecisionInsideTheWindowOrFarOutForNurture() {
        LocalDate today = LocalDate.now(CLOCK);
        for (SyntheticLead lead : leads(LeadMix.DEMO, 500)) {
            Map<String, Object> fields = lead.fields();
            assertThat(fields).containsKeys("firstName", "lastName", "email", "phone", "company", "website", "country",
                    "postalCode", "city", "purchaseDecision", "expectedVolume", "currentProduct", "productInterest", "consent", "source");
            assertThat(((Map<?, ?>) fields.get("consent")).get("marketing")).isEqualTo(true);
            long months = ChronoUnit.MONTHS.between(today, LocalDate.parse((String) fields.get("purchaseDecision")));
            if (lead.intent() == SyntheticLead.Intent.NURTURE) {
                assertThat(months).isBetween(13L, 14L);
            } else {
                assertThat(months).isBetween(6L, 7L); // inside the 6..8 month window of a 6-month cycle
            }
            assertThat((String) fields.get("phone")).matches("\\+(49 89|43 1|41 44|33 1|31 20) [2-7][0-9]{6,7}");
            assertThat(lead.postalCode()).matches(switch (lead.country()) {
                case "DE", "FR" -> "[0-9]{5}";
                case "NL" -> "[0-9]{4} [A-Z]{2}";
                default -> "[0-9]{4}";
            });
        }
    }

    @Test
    void peopleAndKeysAreUniqueExceptTheDeliberateRepeatsOfThePerson() {
        List<SyntheticLead> leads = leads(LeadMix.DEMO, 1000);
        assertThat(leads.stream().map(SyntheticLead::idempotencyKey).distinct().count()).isEqualTo(1000);
        Set<String> emails = new HashSet<>();
        for (SyntheticLead lead : leads) {
            boolean fresh = emails.add((String) lead.fields().get("email"));
            assertThat(fresh).as(lead.idempotencyKey()).isEqualTo(lead.intent() != SyntheticLead.Intent.DUPLICATE);
        }
        assertThat(leads.stream().filter(SyntheticLead::form)).isNotEmpty();
        assertThat(leads.stream().map(l -> ((Map<?, ?>) l.fields().get("source")).get("channel")).distinct().count())
                .isGreaterThanOrEqualTo(5);
        assertThat(leads.stream().map(SyntheticLead::country).distinct()).contains("DE", "AT", "CH", "FR", "NL");
    }

    @Test
    void theSameSeedGivesTheSameLeads() {
        assertThat(leads(LeadMix.DEMO, 50)).isEqualTo(leads(LeadMix.DEMO, 50));
    }

    @Test
    void formFieldsAreTheJsonFieldsFlattenedWithDots() {
        SyntheticLead lead = leads(LeadMix.LOAD, 1).get(0);
        assertThat(lead.formFields()).containsKeys("expectedVolume.amount", "expectedVolume.currency", "consent.marketing",
                "source.channel").doesNotContainKey("expectedVolume");
    }
}
