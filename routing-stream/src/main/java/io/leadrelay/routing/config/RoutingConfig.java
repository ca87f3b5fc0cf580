package io.leadrelay.routing.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.leadrelay.schemas.Channel;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.PartnerTier;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Routing configuration (prefix {@code leadrelay.routing}); every key is documented in the module README. */
@ConfigMapping(prefix = "leadrelay.routing")
public interface RoutingConfig {

    @WithDefault("routing-rules/1")
    String ruleVersion();

    ChannelsConfig channel();

    EligibilityConfig eligibility();

    AssignmentConfig assignment();

    ScoringConfig scoring();

    @WithDefault("3")
    int maxAttempts();

    SlaConfig sla();

    interface ChannelsConfig {
        @WithDefault("50000000")
        BigDecimal directRevenueThresholdEur();

        Optional<List<String>> namedAccounts();

        @WithDefault("PARTNER")
        Channel unknownRevenueChannel();

        /** EUR per unit of a foreign currency, e.g. {@code eur-per-unit.USD=0.92}. */
        Map<String, BigDecimal> eurPerUnit();
    }

    interface EligibilityConfig {
        /** Largest expected volume in EUR per tier, e.g. {@code max-volume-eur.SILVER=500000}; no entry, no limit. */
        Map<PartnerTier, BigDecimal> maxVolumeEur();
    }

    interface AssignmentConfig {
        @WithDefault("A")
        Set<Grade> assignGrades();

        @WithDefault("250000")
        BigDecimal assignVolumeEur();

        @WithDefault("3")
        int offerTopK();
    }

    interface ScoringConfig {
        @WithDefault("0.2")
        double tierWeight();

        @WithDefault("0.2")
        double fitWeight();

        @WithDefault("0.2")
        double loadWeight();

        @WithDefault("0.2")
        double fairnessWeight();

        @WithDefault("0.2")
        double performanceWeight();

        @WithDefault("P30D")
        Duration fairnessWindow();
    }

    interface SlaConfig {
        @WithDefault("PT48H")
        Duration defaultAcceptSla();

        @WithDefault("P14D")
        Duration progressDeadline();

        @WithDefault("P7D")
        Duration escalationAfterReminder();

        @WithDefault("PT10S")
        Duration checkInterval();
    }

    default RoutingSettings settings() {
        return new RoutingSettings(ruleVersion(),
                new RoutingSettings.Channels(channel().directRevenueThresholdEur(),
                        RoutingSettings.normaliseDomains(channel().namedAccounts().orElse(List.of())),
                        channel().unknownRevenueChannel(), Map.copyOf(channel().eurPerUnit())),
                new RoutingSettings.Eligibility(Map.copyOf(eligibility().maxVolumeEur())),
                new RoutingSettings.Assignment(Set.copyOf(assignment().assignGrades()), assignment().assignVolumeEur(),
                        assignment().offerTopK()),
                new RoutingSettings.Scoring(scoring().tierWeight(), scoring().fitWeight(), scoring().loadWeight(),
                        scoring().fairnessWeight(), scoring().performanceWeight(), scoring().fairnessWindow()),
                maxAttempts(),
                new RoutingSettings.Sla(sla().defaultAcceptSla(), sla().progressDeadline(),
                        sla().escalationAfterReminder(), sla().checkInterval()));
    }
}
