package io.leadrelay.routing.partner;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.utils.Utils;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.schemas.PartnerTier;
import io.leadrelay.schemas.ReturnReason;

/**
 * Ranks eligible partners by a weighted score of tier, fit, load, fairness and performance. Deterministic: the same
 * inputs give the same order, and exact ties are broken by a hash of lead id and partner id, never by list order.
 */
public final class PartnerScorer {

    /** Returns that say something about the partner rather than about the lead. */
    static final Set<String> PARTNER_FAULT_RETURNS = Set.of(ReturnReason.PROJECT_MISMATCH.name(),
            ReturnReason.NO_CAPACITY.name(), ReturnReason.OUT_OF_TERRITORY.name(), ReturnReason.OTHER.name());

    private static final Map<PartnerTier, Double> TIER_VALUE = Map.of(PartnerTier.PLATINUM, 1.0, PartnerTier.GOLD, 0.8,
            PartnerTier.SILVER, 0.6, PartnerTier.BRONZE, 0.4, PartnerTier.REGISTERED, 0.2);

    private final RoutingSettings.Scoring settings;

    public PartnerScorer(RoutingSettings.Scoring settings) {
        this.settings = settings;
    }

    /** Best first. */
    public List<ScoredCandidate> rank(String leadId, List<Candidate> candidates, Instant now) {
        Instant windowStart = now.minus(settings.fairnessWindow());
        double totalWeight = candidates.stream().mapToDouble(c -> Math.max(0, c.profile().getWeight())).sum();
        long totalRecent = candidates.stream().mapToLong(c -> c.stats().deliveriesSince(windowStart)).sum();
        return candidates.stream().map(c -> score(leadId, c, windowStart, totalWeight, totalRecent))
                .sorted(Comparator.comparingDouble(ScoredCandidate::score).reversed()
                        .thenComparingLong(ScoredCandidate::tieBreak)
                        .thenComparing(ScoredCandidate::partnerId))
                .toList();
    }

    private ScoredCandidate score(String leadId, Candidate c, Instant windowStart, double totalWeight, long totalRecent) {
        double tier = TIER_VALUE.getOrDefault(c.profile().getTier(), 0.0);
        double fit = fit(c.postalPrefixLength());
        double load = c.profile().getCapacity() <= 0 ? 0
                : clamp(1.0 - (double) c.stats().openLeadCount() / c.profile().getCapacity());
        double fairness = fairness(Math.max(0, c.profile().getWeight()), totalWeight,
                c.stats().deliveriesSince(windowStart), totalRecent);
        double performance = performance(c.stats());
        double score = round(settings.tierWeight() * tier + settings.fitWeight() * fit + settings.loadWeight() * load
                + settings.fairnessWeight() * fairness + settings.performanceWeight() * performance);
        return new ScoredCandidate(c, score, round(tier), round(fit), round(load), round(fairness), round(performance),
                tieBreak(leadId, c.partnerId()));
    }

    /** Whole country 0.5; a postal prefix match 0.6 plus 0.1 per prefix character, at most 1. */
    static double fit(int postalPrefixLength) {
        return postalPrefixLength <= 0 ? 0.5 : Math.min(1.0, 0.6 + 0.1 * postalPrefixLength);
    }

    /**
     * expected / (expected + actual), where expected is the partner's weight share and actual its share of recent
     * deliveries among the candidates: 0.5 at its fair share, towards 1 when behind, towards 0 when ahead.
     */
    static double fairness(double weight, double totalWeight, long recent, long totalRecent) {
        double expected = totalWeight <= 0 ? 0 : weight / totalWeight;
        if (expected == 0) {
            return 0;
        }
        double actual = totalRecent == 0 ? expected : (double) recent / totalRecent;
        return expected / (expected + actual);
    }

    /** Mean of acceptance rate, share without partner-fault returns, and win rate, each smoothed towards 0.5. */
    static double performance(PartnerStats stats) {
        double acceptance = (stats.accepted() + 1.0) / (stats.accepted() + stats.reclaimed()
                + faultReturns(stats) + 2.0);
        double noFaultReturns = 1.0 - (faultReturns(stats) + 1.0) / (stats.deliveries() + 2.0);
        double winRate = (stats.won() + 1.0) / (stats.won() + stats.lost() + 2.0);
        return clamp((acceptance + noFaultReturns + winRate) / 3.0);
    }

    private static long faultReturns(PartnerStats stats) {
        return stats.returnsByReason().entrySet().stream().filter(e -> PARTNER_FAULT_RETURNS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    static long tieBreak(String leadId, String partnerId) {
        return Utils.toPositive(Utils.murmur2((leadId + "|" + partnerId).getBytes(StandardCharsets.UTF_8)));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double round(double v) {
        return Math.round(v * 1_000_000d) / 1_000_000d;
    }
}
