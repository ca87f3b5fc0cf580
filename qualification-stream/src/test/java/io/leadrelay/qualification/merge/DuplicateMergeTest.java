package io.leadrelay.qualification.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.leadrelay.qualification.support.Leads;
import io.leadrelay.schemas.Consent;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.QualificationFacts;

class DuplicateMergeTest {

    private final LeadProfile survivor = Leads.profile("anna@example-gmbh.de").build();

    @Test
    void newerDecisionHigherVolumeAndNewProductInterestUpdateTheOpenLead() {
        LeadProfile duplicate = LeadProfile.newBuilder(survivor).setFacts(QualificationFacts.newBuilder(survivor.getFacts())
                .setPurchaseDecision(LocalDate.parse("2027-03-31")).setExpectedVolume(Leads.money("250000.00"))
                .setProductInterest("label-printers").build()).build();

        DuplicateMerge.Result result = DuplicateMerge.merge(survivor, duplicate);

        QualificationFacts facts = result.profile().getFacts();
        assertThat(facts.getPurchaseDecision()).isEqualTo(LocalDate.parse("2027-03-31"));
        assertThat(facts.getExpectedVolume()).isEqualTo(Leads.money("250000.00"));
        assertThat(facts.getProductInterest()).isEqualTo("label-printers");
        assertThat(result.changed()).containsExactly("purchaseDecision", "expectedVolume", "productInterest");
    }

    @Test
    void lowerVolumeDoesNotReplaceAndGapsAreFilled() {
        LeadProfile sparse = LeadProfile.newBuilder(survivor)
                .setContact(Contact.newBuilder().setEmail("anna@example-gmbh.de").build())
                .setFacts(QualificationFacts.newBuilder(survivor.getFacts()).setCurrentProduct(null).build()).build();
        LeadProfile duplicate = LeadProfile.newBuilder(survivor).setFacts(QualificationFacts.newBuilder(survivor.getFacts())
                .setExpectedVolume(Leads.money("1000.00")).build()).build();

        DuplicateMerge.Result result = DuplicateMerge.merge(sparse, duplicate);

        assertThat(result.profile().getFacts().getExpectedVolume()).isEqualTo(Leads.money("120000.00"));
        assertThat(result.profile().getFacts().getCurrentProduct()).isEqualTo("Competitor X");
        assertThat(result.profile().getContact().getPhone()).isEqualTo("+49891234567");
        assertThat(result.changed()).contains("currentProduct", "contact.firstName", "contact.phone")
                .doesNotContain("expectedVolume");
    }

    @Test
    void withdrawnConsentWins() {
        LeadProfile duplicate = LeadProfile.newBuilder(survivor).setConsent(new Consent(false, Leads.NOW, "opt-out"))
                .build();

        assertThat(DuplicateMerge.merge(survivor, duplicate).profile().getConsent().getMarketing()).isFalse();
    }

    @Test
    void identicalSubmissionChangesNothing() {
        assertThat(DuplicateMerge.merge(survivor, survivor).changed()).isEmpty();
    }
}
