package io.leadrelay.routing.stats;

/** Where the stream reports what the metrics count; the service binds it to Micrometer. */
@FunctionalInterface
public interface StatsSignals {

    StatsSignals NONE = signal -> {
    };

    void on(LeadStatsTracker.Signal signal);
}
