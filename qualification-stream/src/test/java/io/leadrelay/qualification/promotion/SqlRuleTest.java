package io.leadrelay.qualification.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadrelay.qualification.criteria.Criterion;
import io.leadrelay.qualification.criteria.MqlCriteria;
import io.leadrelay.qualification.support.Leads;
import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.QualificationFacts;

class SqlRuleTest {

    private final SqlRule rule = new SqlRule(true, Set.of(Grade.A),
            new MqlCriteria(List.of(Criterion.PRODUCT_INTEREST)));
    private final CompanyFacts company = CompanyFacts.newBuilder().setFound(true).build();
    private final LeadProfile lead = Leads.profile("a@example-gmbh.de").build();

    @Test
    void gradeAWithTheRulesCriteriaIsPromoted() {
        assertThat(rule.assess(Grade.A, lead, company).promote()).isTrue();
    }

    @Test
    void otherGradesWaitForInsideSales() {
        SqlRule.Verdict verdict = rule.assess(Grade.B, lead, company);
        assertThat(verdict.promote()).isFalse();
        assertThat(verdict.gradeQualifies()).isFalse();
    }

    @Test
    void missingRuleCriterionKeepsTheLeadForInsideSales() {
        LeadProfile noInterest = LeadProfile.newBuilder(lead).setFacts(QualificationFacts.newBuilder(lead.getFacts())
                .setProductInterest(null).build()).build();

        SqlRule.Verdict verdict = rule.assess(Grade.A, noInterest, company);

        assertThat(verdict.promote()).isFalse();
        assertThat(verdict.criteria().missing()).containsExactly(Criterion.PRODUCT_INTEREST);
    }

    @Test
    void disabledRuleNeverPromotes() {
        assertThat(new SqlRule(false, Set.of(Grade.A), new MqlCriteria(List.of())).assess(Grade.A, lead, company)
                .promote()).isFalse();
    }
}
