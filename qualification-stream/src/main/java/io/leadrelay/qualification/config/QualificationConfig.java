package io.leadrelay.qualification.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadrelay.qualification.criteria.Criterion;
import io.leadrelay.schemas.Grade;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every rule setting of the qualification stream (documented key by key in the module README). */
@ConfigMapping(prefix = "leadrelay.qualification")
public interface QualificationConfig {

    /** A lead of a person with an open lead received at most this long before is merged into it. */
    @WithDefault("P90D")
    Duration mergeWindow();

    /** Facts an MQL must carry; a lead missing any goes to NURTURE with the list. */
    @WithDefault("DECISION_TIMING,EXPECTED_VOLUME,CURRENT_PRODUCT,VALID_CONTACT,MARKETING_CONSENT")
    List<Criterion> requiredCriteria();

    /** Leads without marketing consent are DISQUALIFIED. */
    @WithDefault("true")
    boolean consentRequired();

    SalesCycle salesCycle();

    Score score();

    SqlRuleConfig sqlRule();

    Nurture nurture();

    /** How often the due-date index is checked for nurture leads whose window opened (wall-clock time). */
    @WithDefault("PT1M")
    Duration punctuationInterval();

    /**
     * How often the Kafka Streams client metrics on /q/metrics are re-scanned for metrics that appeared since (new
     * tasks after a rebalance). Each re-scan walks every client metric; Micrometer's default of a minute cost ~9 %
     * of the service's CPU in the pipeline profile.
     */
    @WithDefault("PT5M")
    Duration clientMetricsRefresh();

    /** Version of the rule set, written into every lifecycle event's details. */
    @WithDefault("qualification-rules/1")
    String ruleVersion();

    interface SalesCycle {
        /** Sales cycle L in months when the product interest has none of its own. */
        @WithDefault("6")
        int defaultMonths();

        /** The window opens this many months before L: sales gets the lead L..L+lead months before the decision. */
        @WithDefault("2")
        int leadMonths();

        /** Sales cycle in months per product interest (key: product interest, case-insensitive). */
        Map<String, Integer> byProduct();
    }

    interface Score {
        @WithDefault("5000000")
        BigDecimal revenueMid();

        @WithDefault("50000000")
        BigDecimal revenueLarge();

        @WithDefault("50")
        int employeesMid();

        @WithDefault("250")
        int employeesLarge();

        @WithDefault("75")
        int gradeA();

        @WithDefault("50")
        int gradeB();

        @WithDefault("25")
        int gradeC();
    }

    interface SqlRuleConfig {
        @WithDefault("true")
        boolean enabled();

        /** Grades an MQL needs to go to SQL by rule. */
        @WithDefault("A")
        Set<Grade> grades();

        /** Criteria the rule demands on top of the MQL criteria. */
        @WithDefault("PRODUCT_INTEREST")
        List<Criterion> criteria();
    }

    interface Nurture {
        /** When a lead handed back to nurture carries no due date, it is re-checked after this period. */
        @WithDefault("P90D")
        Duration defaultRecheck();
    }
}
