package io.leadrelay.qualification.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.leadrelay.qualification.support.Leads;
import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadProfile;
import io.leadrelay.schemas.QualificationFacts;

class FitScoreTest {

    private final FitScore fitScore = new FitScore(new FitScore.Thresholds(new BigDecimal("5000000"),
            new BigDecimal("50000000"), 50, 250, 75, 50, 25));

    @Test
    void largeKnownCompanyWithCompleteLeadScoresFullAndGradesA() {
        FitScore.Score score = fitScore.score(Leads.profile("a@example-gmbh.de").build(), found("60000000.00", 300));

        assertThat(score.total()).isEqualTo(100);
        assertThat(score.parts()).containsEntry("companyFound", 20).containsEntry("revenue", 25)
                .containsEntry("employees", 15).containsEntry("completeness", 40);
        assertThat(score.grade()).isEqualTo(Grade.A);
    }

    @Test
    void unknownCompanyScoresOnCompletenessOnly() {
        FitScore.Score score = fitScore.score(Leads.profile("a@example-gmbh.de").build(),
                CompanyFacts.newBuilder().setFound(false).build());

        assertThat(score.total()).isEqualTo(40);
        assertThat(score.grade()).isEqualTo(Grade.C);
    }

    @Test
    void midSizedCompanyAndGaps() {
        LeadProfile profile = Leads.profile("a@example-gmbh.de").build();
        QualificationFacts facts = QualificationFacts.newBuilder(profile.getFacts()).setProductInterest(null)
                .setCurrentProduct(null).build();
        FitScore.Score score = fitScore.score(LeadProfile.newBuilder(profile).setFacts(facts).build(),
                found("6000000.00", 60));

        assertThat(score.parts()).containsEntry("revenue", 15).containsEntry("employees", 10)
                .containsEntry("completeness", 30);
        assertThat(score.total()).isEqualTo(75);
        assertThat(score.grade()).isEqualTo(Grade.A);
    }

    @Test
    void gradeBoundaries() {
        assertThat(fitScore.grade(75)).isEqualTo(Grade.A);
        assertThat(fitScore.grade(74)).isEqualTo(Grade.B);
        assertThat(fitScore.grade(50)).isEqualTo(Grade.B);
        assertThat(fitScore.grade(49)).isEqualTo(Grade.C);
        assertThat(fitScore.grade(25)).isEqualTo(Grade.C);
        assertThat(fitScore.grade(24)).isEqualTo(Grade.D);
    }

    private static CompanyFacts found(String revenue, int employees) {
        return CompanyFacts.newBuilder().setFound(true).setDomain("example-gmbh.de")
                .setAnnualRevenue(Leads.money(revenue)).setEmployees(employees).build();
    }
}
