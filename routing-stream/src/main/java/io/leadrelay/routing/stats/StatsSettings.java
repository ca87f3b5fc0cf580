package io.leadrelay.routing.stats;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Dashboard settings as plain values ({@link StatsConfig} fills them from MicroProfile Config).
 *
 * @param probabilities chance of a lead in each open state to be won, weighting the forecast's open pipeline
 * @param publishInterval how often changed aggregate rows are written to the stats.* topics
 * @param liveInterval how often the dashboard's event stream checks for changed figures
 * @param overdueLimit most leads listed as past their deadline
 * @param metricPartners partners that get their own metric series (bounded by this list)
 */
public record StatsSettings(Map<String, Double> probabilities, Duration publishInterval, Duration liveInterval,
        int overdueLimit, Set<String> metricPartners) {

    public static final Map<String, Double> DEFAULT_PROBABILITIES = Map.ofEntries(Map.entry("RECEIVED", 0.02),
            Map.entry("MQL", 0.05), Map.entry("NURTURE", 0.02), Map.entry("SQL", 0.15), Map.entry("SALES_REVIEW", 0.1),
            Map.entry("DIRECT", 0.25), Map.entry("OFFERED", 0.2), Map.entry("ASSIGNED", 0.25),
            Map.entry("ACCEPTED", 0.4), Map.entry("RETURNED", 0.1), Map.entry("EXPIRED", 0.1));

    public static StatsSettings defaults() {
        return new StatsSettings(DEFAULT_PROBABILITIES, Duration.ofSeconds(5), Duration.ofSeconds(2), 100, Set.of());
    }

    public double probability(String state) {
        return probabilities.getOrDefault(state, 0.0);
    }
}
