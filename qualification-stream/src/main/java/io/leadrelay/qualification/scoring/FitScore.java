package io.leadrelay.qualification.scoring;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import io.leadrelay.schemas.CompanyFacts;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadProfile;

/**
 * Fit score 0–100 from the company source (found 20, revenue up to 25, employees up to 15) and the completeness
 * of what the lead told us (up to 40), and the grade A–D from configurable thresholds. Pure.
 */
public final class FitScore {

    static final int FOUND_POINTS = 20;
    static final int REVENUE_LARGE_POINTS = 25;
    static final int REVENUE_MID_POINTS = 15;
    static final int REVENUE_SMALL_POINTS = 5;
    static final int EMPLOYEES_LARGE_POINTS = 15;
    static final int EMPLOYEES_MID_POINTS = 10;
    static final int EMPLOYEES_SMALL_POINTS = 5;
    static final int COMPLETENESS_POINTS = 40;

    /** What completeness counts: the facts sales uses when it first calls. */
    private static final Map<String, Predicate<LeadProfile>> COMPLETENESS = completeness();

    private final Thresholds thresholds;

    public FitScore(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Revenue/employee tiers (revenue in the company source's currency) and minimum scores of grades A, B, C. */
    public record Thresholds(BigDecimal revenueMid, BigDecimal revenueLarge, int employeesMid, int employeesLarge,
            int gradeA, int gradeB, int gradeC) {
    }

    /** The score, its parts (for the lifecycle details) and the grade. */
    public record Score(int total, Map<String, Integer> parts, Grade grade) {
    }

    public Score score(LeadProfile profile, CompanyFacts company) {
        Map<String, Integer> parts = new LinkedHashMap<>();
        boolean found = company != null && company.getFound();
        parts.put("companyFound", found ? FOUND_POINTS : 0);
        parts.put("revenue", found ? revenuePoints(company) : 0);
        parts.put("employees", found ? employeePoints(company) : 0);
        long present = COMPLETENESS.values().stream().filter(p -> p.test(profile)).count();
        parts.put("completeness", (int) Math.round(COMPLETENESS_POINTS * (double) present / COMPLETENESS.size()));
        int total = parts.values().stream().mapToInt(Integer::intValue).sum();
        return new Score(total, parts, grade(total));
    }

    public Grade grade(int score) {
        if (score >= thresholds.gradeA()) {
            return Grade.A;
        }
        if (score >= thresholds.gradeB()) {
            return Grade.B;
        }
        if (score >= thresholds.gradeC()) {
            return Grade.C;
        }
        return Grade.D;
    }

    private int revenuePoints(CompanyFacts company) {
        if (company.getAnnualRevenue() == null || company.getAnnualRevenue().getAmount() == null) {
            return 0;
        }
        BigDecimal revenue = company.getAnnualRevenue().getAmount();
        if (revenue.compareTo(thresholds.revenueLarge()) >= 0) {
            return REVENUE_LARGE_POINTS;
        }
        if (revenue.compareTo(thresholds.revenueMid()) >= 0) {
            return REVENUE_MID_POINTS;
        }
        return revenue.signum() > 0 ? REVENUE_SMALL_POINTS : 0;
    }

    private int employeePoints(CompanyFacts company) {
        Integer employees = company.getEmployees();
        if (employees == null || employees <= 0) {
            return 0;
        }
        if (employees >= thresholds.employeesLarge()) {
            return EMPLOYEES_LARGE_POINTS;
        }
        return employees >= thresholds.employeesMid() ? EMPLOYEES_MID_POINTS : EMPLOYEES_SMALL_POINTS;
    }

    private static Map<String, Predicate<LeadProfile>> completeness() {
        Map<String, Predicate<LeadProfile>> facts = new LinkedHashMap<>();
        facts.put("purchaseDecision", p -> p.getFacts().getPurchaseDecision() != null);
        facts.put("expectedVolume", p -> p.getFacts().getExpectedVolume() != null);
        facts.put("currentProduct", p -> present(p.getFacts().getCurrentProduct()));
        facts.put("productInterest", p -> present(p.getFacts().getProductInterest()));
        facts.put("email", p -> present(p.getContact().getEmail()));
        facts.put("phone", p -> present(p.getContact().getPhone()));
        facts.put("companyName", p -> present(p.getCompany().getName()));
        facts.put("postalCode", p -> present(p.getCompany().getPostalCode()));
        return java.util.Collections.unmodifiableMap(facts);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
