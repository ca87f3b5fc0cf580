package io.leadrelay.qualification.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadrelay.qualification.support.Leads;
import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.Consent;
import io.leadrelay.schemas.Contact;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.Money;
import io.leadrelay.schemas.QualificationFacts;

class MqlCriteriaTest {

    private static final List<Criterion> DEFAULTS = List.of(Criterion.DECISION_TIMING, Criterion.EXPECTED_VOLUME,
            Criterion.CURRENT_PRODUCT, Criterion.VALID_CONTACT, Criterion.MARKETING_CONSENT);
    private final MqlCriteria criteria = new MqlCriteria(DEFAULTS);
    private final CompanyFacts notFound = CompanyFacts.newBuilder().setFound(false).build();

    @Test
    void completeLeadMeetsEveryCriterion() {
        CriteriaCheck check = criteria.check(Leads.profile("a@example-gmbh.de").build(), notFound);

        assertThat(check.allMet()).isTrue();
        assertThat(check.met()).containsExactlyElementsOf(DEFAULTS);
    }

    @Test
    void eachMissingFactIsListed() {
        LeadProfile base = Leads.profile("a@example-gmbh.de").build();
        assertThat(missing(with(base, f -> f.setPurchaseDecision(null)))).containsExactly(Criterion.DECISION_TIMING);
        assertThat(missing(with(base, f -> f.setExpectedVolume(null)))).containsExactly(Criterion.EXPECTED_VOLUME);
        assertThat(missing(with(base, f -> f.setExpectedVolume(new Money(BigDecimal.ZERO, "EUR")))))
                .containsExactly(Criterion.EXPECTED_VOLUME);
        assertThat(missing(with(base, f -> f.setCurrentProduct("  ")))).containsExactly(Criterion.CURRENT_PRODUCT);
        assertThat(missing(LeadProfile.newBuilder(base).setConsent(null).build()))
                .containsExactly(Criterion.MARKETING_CONSENT);
        assertThat(missing(LeadProfile.newBuilder(base).setConsent(new Consent(false, null, null)).build()))
                .containsExactly(Criterion.MARKETING_CONSENT);
        assertThat(missing(LeadProfile.newBuilder(base)
                .setContact(Contact.newBuilder().setFirstName("Anna").setEmail("not-an-email").setPhone("0891234")
                        .build()).build()))
                .containsExactly(Criterion.VALID_CONTACT);
    }

    @Test
    void phoneAloneIsAValidContact() {
        assertThat(MqlCriteria.validContact(Contact.newBuilder().setPhone("+49891234567").build())).isTrue();
        assertThat(MqlCriteria.validContact(Contact.newBuilder().setEmail("anna@example.de").build())).isTrue();
        assertThat(MqlCriteria.validContact(Contact.newBuilder().setFirstName("Anna").build())).isFalse();
    }

    @Test
    void optionalCriteriaAreCheckedOnlyWhenConfigured() {
        MqlCriteria strict = new MqlCriteria(List.of(Criterion.COMPANY_FOUND, Criterion.PRODUCT_INTEREST));
        LeadProfile noInterest = with(Leads.profile("a@example-gmbh.de").build(), f -> f.setProductInterest(null));

        CriteriaCheck check = strict.check(noInterest, notFound);

        assertThat(check.missing()).containsExactly(Criterion.COMPANY_FOUND, Criterion.PRODUCT_INTEREST);
        assertThat(criteria.check(noInterest, notFound).allMet()).isTrue();
    }

    private List<Criterion> missing(LeadProfile profile) {
        return criteria.check(profile, notFound).missing();
    }

    private static LeadProfile with(LeadProfile base, java.util.function.Consumer<QualificationFacts> change) {
        QualificationFacts facts = QualificationFacts.newBuilder(base.getFacts()).build();
        change.accept(facts);
        return LeadProfile.newBuilder(base).setFacts(facts).build();
    }
}
