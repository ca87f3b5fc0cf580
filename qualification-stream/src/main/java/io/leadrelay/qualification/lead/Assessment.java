package io.leadrelay.qualification.lead;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadrelay.qualification.company.CompanyEnrichment;
import io.leadrelay.qualification.criteria.CriteriaCheck;
import io.leadrelay.qualification.promotion.SqlRule;
import io.leadrelay.qualification.scoring.FitScore;
import io.leadrelay.qualification.timing.DecisionWindow;

/**
 * Everything the rules looked at for one lead and what they decided: the outcome with its reason code, the nurture
 * due date, and for an MQL whether the SQL rule promotes it.
 *
 * @param window null where the decision date is missing or the lead was disqualified first
 * @param sqlRule null unless the outcome is MQL
 */
public record Assessment(Outcome outcome, String reason, String reasonText, LocalDate dueDate,
        CompanyEnrichment.Result company, CriteriaCheck criteria, DecisionWindow.Verdict window, FitScore.Score score,
        SqlRule.Verdict sqlRule, String ruleVersion) {

    public static final String DISQUALIFIED_PREFIX = "DISQUALIFIED:";
    public static final String MQL_CRITERIA_MET = "MQL_CRITERIA_MET";
    public static final String MISSING_FACTS = "MISSING_FACTS";
    public static final String DECISION_TOO_FAR = "DECISION_TOO_FAR";
    public static final String DECISION_PAST = "DECISION_PAST";
    public static final String SQL_RULE = "SQL_RULE";

    public boolean promotedBySqlRule() {
        return sqlRule != null && sqlRule.promote();
    }

    /** The inputs the rules looked at, as the lifecycle event's details. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ruleVersion", ruleVersion);
        details.put("outcome", outcome.name());
        details.put("criteriaMet", criteria.metNames());
        details.put("criteriaMissing", criteria.missingNames());
        if (window != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("position", window.position().name());
            w.put("decision", window.decision().toString());
            w.put("salesCycleMonths", window.cycleMonths());
            w.put("windowOpensOn", window.opensOn().toString());
            details.put("window", w);
        }
        if (dueDate != null) {
            details.put("dueDate", dueDate.toString());
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("total", score.total());
        s.put("grade", score.grade().name());
        s.put("parts", score.parts());
        details.put("score", s);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("found", company.facts().getFound());
        c.put("key", company.facts().getDomain());
        c.put("candidates", company.candidates());
        details.put("company", c);
        if (sqlRule != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("enabled", sqlRule.enabled());
            r.put("gradeQualifies", sqlRule.gradeQualifies());
            r.put("criteriaMet", sqlRule.criteria().metNames());
            r.put("criteriaMissing", sqlRule.criteria().missingNames());
            r.put("promote", sqlRule.promote());
            details.put("sqlRule", r);
        }
        return details;
    }

    public List<String> missingFacts() {
        return outcome == Outcome.NURTURE && MISSING_FACTS.equals(reason) ? criteria.missingNames() : List.of();
    }
}
