package io.leadrelay.qualification.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.leadrelay.qualification.disqualify.Disqualification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters on {@code /q/metrics}: test leads (flagged at ingest, never sent on) and disqualifications per reason
 * code. They count what this instance decided; a decision re-made after a crash (exactly-once replays the input)
 * is counted again, as counters of a restarted instance start at zero anyway.
 */
public final class QualificationCounters {

    /** Prometheus: {@code leadrelay_qualification_test_leads_total}. */
    public static final String TEST_LEADS = "leadrelay.qualification.test.leads";
    /** Prometheus: {@code leadrelay_qualification_disqualifications_total{reason="..."}}. */
    public static final String DISQUALIFICATIONS = "leadrelay.qualification.disqualifications";
    public static final String REASON_TAG = "reason";
    /** Reason code of an inside-sales DISQUALIFY decision (its free-text reason is no tag: unbounded). */
    public static final String SALES_DISQUALIFY = "SALES_DISQUALIFY";

    private final MeterRegistry registry;
    private final Counter testLeads;
    private final Map<String, Counter> disqualifications = new ConcurrentHashMap<>();

    public QualificationCounters(MeterRegistry registry) {
        this.registry = registry;
        this.testLeads = Counter.builder(TEST_LEADS)
                .description("Test leads received (flagged at ingest; counted, never sent on)")
                .register(registry);
        // Every known reason from the start, so dashboards see zeros rather than gaps.
        for (Disqualification.Reason reason : Disqualification.Reason.values()) {
            disqualification(reason.name());
        }
        disqualification(SALES_DISQUALIFY);
    }

    public void testLead() {
        testLeads.increment();
    }

    public void disqualified(String reason) {
        disqualification(reason).increment();
    }

    private Counter disqualification(String reason) {
        return disqualifications.computeIfAbsent(reason, r -> Counter.builder(DISQUALIFICATIONS)
                .description("Leads disqualified, by reason code")
                .tag(REASON_TAG, r)
                .register(registry));
    }
}
