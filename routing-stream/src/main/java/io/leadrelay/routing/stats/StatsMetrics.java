package io.leadrelay.routing.stats;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Prometheus counters fed by the stream as lifecycle events are counted: SLA breaches by kind, partner returns by
 * reason code, states entered, and the time from a lead's first event to its first offer or assignment. Every tag
 * value comes from a closed set (enum-like codes), so the series stay bounded. Counters count what this instance
 * processed; after a crash, events replayed since the last commit are counted again (Prometheus counters are not
 * part of the exactly-once state — the stats API is).
 */
@ApplicationScoped
public class StatsMetrics implements StatsSignals {

    @Inject
    MeterRegistry registry;

    @Override
    public void on(LeadStatsTracker.Signal signal) {
        switch (signal.kind()) {
            case SLA_BREACH -> Counter.builder("leadrelay.sla.breaches")
                    .description("SLA breaches: assignments reclaimed, offers expired, accepted leads escalated")
                    .tag("kind", signal.label()).register(registry).increment();
            case RETURN -> Counter.builder("leadrelay.partner.returns")
                    .description("Partner returns (and offer declines) by reason code")
                    .tag("reason", signal.label()).register(registry).increment();
            case ENTERED -> Counter.builder("leadrelay.lead.transitions")
                    .description("Lifecycle transitions by the state entered").tag("state", signal.label())
                    .register(registry).increment();
            case FIRST_OFFER_LATENCY -> Timer.builder("leadrelay.lead.first.offer")
                    .description("End-to-end latency: lead received to its first offer or assignment")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1))
                    .maximumExpectedValue(Duration.ofDays(30)).register(registry)
                    .record(Duration.ofMillis(Math.max(0, signal.millis())));
        }
    }
}
