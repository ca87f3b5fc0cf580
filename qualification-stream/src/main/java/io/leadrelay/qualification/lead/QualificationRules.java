package io.leadrelay.qualification.lead;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

import io.leadrelay.qualification.company.CompanyEnrichment;
import io.leadrelay.qualification.company.CompanyKey;
import io.leadrelay.qualification.company.DomainList;
import io.leadrelay.qualification.config.QualificationConfig;
import io.leadrelay.qualification.criteria.CriteriaCheck;
import io.leadrelay.qualification.criteria.MqlCriteria;
import io.leadrelay.qualification.disqualify.Disqualification;
import io.leadrelay.qualification.promotion.SqlRule;
import io.leadrelay.qualification.scoring.FitScore;
import io.leadrelay.qualification.timing.DecisionWindow;
import io.leadrelay.schemas.CompanyProfile;
import io.leadrelay.schemas.LeadProfile;

/**
 * The whole marketing → sales rule set in order: disqualify obvious non-leads, enrich from the company source,
 * check the MQL criteria, place the decision in its timing window, score and grade, and for an MQL ask the SQL
 * rule. Pure: the company source is passed in as a lookup and "today" as a date.
 */
public final class QualificationRules {

    private final Disqualification disqualification;
    private final CompanyEnrichment enrichment;
    private final MqlCriteria criteria;
    private final DecisionWindow window;
    private final FitScore fitScore;
    private final SqlRule sqlRule;
    private final Duration mergeWindow;
    private final Duration defaultRecheck;
    private final String ruleVersion;

    public QualificationRules(Disqualification disqualification, CompanyEnrichment enrichment, MqlCriteria criteria,
            DecisionWindow window, FitScore fitScore, SqlRule sqlRule, Duration mergeWindow, Duration defaultRecheck,
            String ruleVersion) {
        this.disqualification = disqualification;
        this.enrichment = enrichment;
        this.criteria = criteria;
        this.window = window;
        this.fitScore = fitScore;
        this.sqlRule = sqlRule;
        this.mergeWindow = mergeWindow;
        this.defaultRecheck = defaultRecheck;
        this.ruleVersion = ruleVersion;
    }

    public static QualificationRules from(QualificationConfig config) {
        DomainList disposable = DomainList.disposable();
        QualificationConfig.Score score = config.score();
        return new QualificationRules(
                new Disqualification(disposable, config.consentRequired()),
                new CompanyEnrichment(new CompanyKey(DomainList.freeMail(), disposable)),
                new MqlCriteria(config.requiredCriteria()),
                new DecisionWindow(config.salesCycle().defaultMonths(), config.salesCycle().leadMonths(),
                        config.salesCycle().byProduct()),
                new FitScore(new FitScore.Thresholds(score.revenueMid(), score.revenueLarge(), score.employeesMid(),
                        score.employeesLarge(), score.gradeA(), score.gradeB(), score.gradeC())),
                new SqlRule(config.sqlRule().enabled(), config.sqlRule().grades(),
                        new MqlCriteria(config.sqlRule().criteria())),
                config.mergeWindow(), config.nurture().defaultRecheck(), config.ruleVersion());
    }

    /** Disqualification on arrival only looks at the submission, so the person index can apply it too. */
    public Optional<Disqualification.Reason> disqualifies(LeadProfile profile) {
        return disqualification.check(profile);
    }

    public Duration mergeWindow() {
        return mergeWindow;
    }

    public String ruleVersion() {
        return ruleVersion;
    }

    /** The re-check date of a nurture lead that carries no due date of its own (hand-backs). */
    public LocalDate defaultRecheck(LocalDate today) {
        return today.plusDays(defaultRecheck.toDays());
    }

    public Assessment assess(LeadProfile profile, Function<String, CompanyProfile> companySource, LocalDate today) {
        CompanyEnrichment.Result company = enrichment.enrich(profile, companySource);
        CriteriaCheck check = criteria.check(profile, company.facts());
        FitScore.Score score = fitScore.score(profile, company.facts());
        Optional<Disqualification.Reason> disqualified = disqualification.check(profile);
        if (disqualified.isPresent()) {
            return new Assessment(Outcome.DISQUALIFIED, Assessment.DISQUALIFIED_PREFIX + disqualified.get().name(),
                    "Not a lead: " + disqualified.get().name(), null, company, check, null, score, null, ruleVersion);
        }
        DecisionWindow.Verdict verdict = profile.getFacts().getPurchaseDecision() == null ? null
                : window.assess(profile.getFacts().getPurchaseDecision(), profile.getFacts().getProductInterest(), today);
        if (!check.allMet()) {
            return new Assessment(Outcome.NURTURE, Assessment.MISSING_FACTS,
                    "Missing " + String.join(", ", check.missingNames()), null, company, check, verdict, score, null,
                    ruleVersion);
        }
        if (verdict != null && verdict.position() == DecisionWindow.Position.PAST) {
            return new Assessment(Outcome.NURTURE, Assessment.DECISION_PAST,
                    "Purchase decision " + verdict.decision() + " has passed; timing to be re-confirmed", null,
                    company, check, verdict, score, null, ruleVersion);
        }
        if (verdict != null && verdict.position() == DecisionWindow.Position.TOO_FAR) {
            return new Assessment(Outcome.NURTURE, Assessment.DECISION_TOO_FAR,
                    "Decision " + verdict.decision() + " is before the window of the " + verdict.cycleMonths()
                            + "-month sales cycle opens; back to sales on " + verdict.dueDate(),
                    verdict.dueDate(), company, check, verdict, score, null, ruleVersion);
        }
        SqlRule.Verdict sql = sqlRule.assess(score.grade(), profile, company.facts());
        return new Assessment(Outcome.MQL, Assessment.MQL_CRITERIA_MET, "All MQL criteria met, decision in window",
                null, company, check, verdict, score, sql, ruleVersion);
    }
}
