package io.leadrelay.routing.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadrelay.schemas.Channel;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.PartnerTier;

/**
 * Every routing rule parameter as plain values, so decisions and topologies are built and tested without CDI.
 * {@link RoutingConfig} fills it from MicroProfile Config; {@link #defaults()} gives the documented defaults.
 */
public record RoutingSettings(
        String ruleVersion,
        Channels channels,
        Eligibility eligibility,
        Assignment assignment,
        Scoring scoring,
        int maxAttempts,
        Sla sla) {

    /** Channel rule: revenue threshold in EUR, named accounts, default channel when revenue is unknown. */
    public record Channels(BigDecimal directRevenueThresholdEur, Set<String> namedAccounts, Channel unknownRevenueChannel,
            Map<String, BigDecimal> eurPerUnit) {
    }

    /** Largest expected volume (EUR) a partner of each tier may get; a tier without an entry has no limit. */
    public record Eligibility(Map<PartnerTier, BigDecimal> maxVolumeEurByTier) {
    }

    /** Assign to the best partner for these grades or volumes, otherwise offer to the top k. */
    public record Assignment(Set<Grade> assignGrades, BigDecimal assignVolumeEur, int offerTopK) {
    }

    /** Score weights (need not sum to 1) and the trailing window of the fairness part. */
    public record Scoring(double tierWeight, double fitWeight, double loadWeight, double fairnessWeight,
            double performanceWeight, Duration fairnessWindow) {
    }

    /** Accept deadline default, progress deadline after accept, grace after the reminder, timer check interval. */
    public record Sla(Duration defaultAcceptSla, Duration progressDeadline, Duration escalationAfterReminder,
            Duration checkInterval) {
    }

    public static RoutingSettings defaults() {
        return new RoutingSettings("routing-rules/1",
                new Channels(new BigDecimal("50000000"), Set.of(), Channel.PARTNER, Map.of()),
                new Eligibility(Map.of(PartnerTier.REGISTERED, new BigDecimal("50000"), PartnerTier.BRONZE,
                        new BigDecimal("150000"), PartnerTier.SILVER, new BigDecimal("500000"))),
                new Assignment(Set.of(Grade.A), new BigDecimal("250000"), 3),
                new Scoring(0.2, 0.2, 0.2, 0.2, 0.2, Duration.ofDays(30)),
                3,
                new Sla(Duration.ofHours(48), Duration.ofDays(14), Duration.ofDays(7), Duration.ofSeconds(10)));
    }

    /** Lower-cased named-account domains. */
    public static Set<String> normaliseDomains(List<String> domains) {
        return Set.copyOf(domains.stream().map(d -> d.trim().toLowerCase(java.util.Locale.ROOT)).filter(d -> !d.isEmpty())
                .toList());
    }
}
