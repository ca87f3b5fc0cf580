package io.leadrelay.qualification.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadrelay.qualification.criteria.Criterion;
import io.leadrelay.qualification.support.TestConfig;
import io.leadrelay.schemas.Grade;

class QualificationConfigTest {

    @Test
    void defaultsAreTheAgreedOnes() {
        QualificationConfig config = TestConfig.config(Map.of());

        assertThat(config.mergeWindow()).isEqualTo(Duration.ofDays(90));
        assertThat(config.requiredCriteria()).containsExactly(Criterion.DECISION_TIMING, Criterion.EXPECTED_VOLUME,
                Criterion.CURRENT_PRODUCT, Criterion.VALID_CONTACT, Criterion.MARKETING_CONSENT);
        assertThat(config.salesCycle().defaultMonths()).isEqualTo(6);
        assertThat(config.salesCycle().leadMonths()).isEqualTo(2);
        assertThat(config.salesCycle().byProduct()).isEmpty();
        assertThat(config.sqlRule().grades()).containsExactly(Grade.A);
        assertThat(config.nurture().defaultRecheck()).isEqualTo(Duration.ofDays(90));
        assertThat(config.punctuationInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void perProductCyclesAndCriteriaAreConfigurable() {
        QualificationConfig config = TestConfig.config(Map.of(
                "leadrelay.qualification.sales-cycle.by-product.production-lines", "12",
                "leadrelay.qualification.required-criteria", "VALID_CONTACT,COMPANY_FOUND"));

        assertThat(config.salesCycle().byProduct()).containsEntry("production-lines", 12);
        assertThat(config.requiredCriteria()).containsExactly(Criterion.VALID_CONTACT, Criterion.COMPANY_FOUND);
    }
}
