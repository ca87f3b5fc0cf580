package io.leadrelay.routing.kafka;

/** Every state store and named repartition-free node group of the routing topology, in one place. */
public final class StoreNames {

    /** Lead id → routing state of the lead (state, owner, deadline, attempts, partners tried). */
    public static final String LEAD_CASES = "routing-lead-cases";
    /** Lead id → the lead as qualified (PII; removed on erasure). */
    public static final String LEAD_PROFILES = "routing-lead-profiles";
    /** Lead id → every lifecycle event of the lead, from every stage. */
    public static final String LEAD_HISTORY = "routing-lead-history";
    /** "deadline millis|lead id" → lead id: the SLA timers, scanned in deadline order. */
    public static final String SLA_DEADLINES = "routing-sla-deadlines";
    /** Global: partner id → partner master data (reference.partners). */
    public static final String PARTNERS = "routing-partners";
    /** Global: partner id → load and track record learned from leads.assignments. */
    public static final String PARTNER_STATS = "routing-partner-stats";

    /** Lead id → what the dashboard aggregates remember of the lead ({@code LeadFacts}). */
    public static final String STATS_LEAD_FACTS = "stats-lead-facts";
    /** "deadline millis|lead id" → the lead's open deadline ({@code OverdueLead}): leads past their deadline. */
    public static final String STATS_DEADLINES = "stats-deadlines";
    /** Funnel row key → counters (after the {@link #STATS_CONTRIBUTIONS} repartition by source). */
    public static final String STATS_FUNNEL = "stats-funnel";
    /** Partner row key → counters. */
    public static final String STATS_PARTNERS = "stats-partners";
    /** Forecast row key → counters. */
    public static final String STATS_FORECAST = "stats-forecast";
    /** Name of the repartition step that moves contributions from lead ids to sources and partners. */
    public static final String STATS_CONTRIBUTIONS = "stats-contributions";

    private StoreNames() {
    }
}
