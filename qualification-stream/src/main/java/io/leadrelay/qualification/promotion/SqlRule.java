package io.leadrelay.qualification.promotion;

import java.util.Set;

import io.leadrelay.qualification.criteria.CriteriaCheck;
import io.leadrelay.qualification.criteria.MqlCriteria;
import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadProfile;

/**
 * MQL → SQL by rule: an MQL whose grade is one of the configured grades and that meets the rule's own criteria
 * (on top of the MQL criteria, e.g. a product interest routing can select partners by) goes to SQL at once; every
 * other MQL waits for inside sales. Pure.
 */
public final class SqlRule {

    public static final String RULE_ID = "rule:sql-promotion";

    private final boolean enabled;
    private final Set<Grade> grades;
    private final MqlCriteria criteria;

    public SqlRule(boolean enabled, Set<Grade> grades, MqlCriteria criteria) {
        this.enabled = enabled;
        this.grades = Set.copyOf(grades);
        this.criteria = criteria;
    }

    /** The rule's verdict with what it looked at, for the lifecycle details. */
    public record Verdict(boolean promote, boolean enabled, boolean gradeQualifies, CriteriaCheck criteria) {
    }

    public Verdict assess(Grade grade, LeadProfile profile, CompanyFacts company) {
        CriteriaCheck check = criteria.check(profile, company);
        boolean gradeQualifies = grades.contains(grade);
        return new Verdict(enabled && gradeQualifies && check.allMet(), enabled, gradeQualifies, check);
    }
}
