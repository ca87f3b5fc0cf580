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

    private StoreNames() {
    }
}
