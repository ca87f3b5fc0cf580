package io.leadrelay.routing.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.routing.testing.Leads;
import io.leadrelay.schemas.AssignmentEvent;
import io.leadrelay.schemas.AssignmentEventType;
import io.leadrelay.schemas.Grade;
import io.leadrelay.schemas.LeadState;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.PartnerTier;

class PartnerSelectionTest {

    private static final Instant NOW = Leads.T0;
    private final RoutingSettings settings = RoutingSettings.defaults();
    private final PartnerEligibility eligibility = new PartnerEligibility(settings.eligibility());
    private final PartnerScorer scorer = new PartnerScorer(settings.scoring());

    private static LeadNeeds needs(BigDecimal volume, Set<String> tried) {
        return new LeadNeeds("lead-1", "DE", "80538", "industrial-printers", volume, Grade.B, tried);
    }

    @Test
    void everyExclusionIsReportedWithItsReason() {
        List<PartnerProfile> partners = List.of(
                Leads.partner("inactive", PartnerTier.GOLD).setActive(false).build(),
                Leads.partner("paused", PartnerTier.GOLD).setPausedUntil(NOW.plusSeconds(60)).build(),
                Leads.partner("hamburg", PartnerTier.GOLD, "20", "21").build(),
                Leads.partner("other-product", PartnerTier.GOLD).setProducts(List.of("scanners")).build(),
                Leads.partner("small-tier", PartnerTier.REGISTERED).build(),
                Leads.partner("full", PartnerTier.GOLD).setCapacity(1).build(),
                Leads.partner("tried", PartnerTier.GOLD).build(),
                Leads.partner("munich", PartnerTier.GOLD, "80").build());
        Map<String, PartnerStats> stats = Map.of("full", new PartnerStats("full", Set.of("x"), Map.of(), 1, 0, 0,
                Map.of(), 0, 0));
        EligibilityResult result = eligibility.evaluate(needs(new BigDecimal("120000"), Set.of("tried")),
                PartnerIndex.of(partners), id -> stats.getOrDefault(id, PartnerStats.empty(id)), NOW);
        assertThat(result.eligible()).extracting(Candidate::partnerId).containsExactly("munich");
        assertThat(result.eligible().get(0).postalPrefixLength()).isEqualTo(2);
        assertThat(result.excluded()).extracting(e -> e.partnerId() + "=" + e.reasons()).containsExactly(
                "full=[AT_CAPACITY]", "inactive=[INACTIVE]", "other-product=[PRODUCT_NOT_SOLD]",
                "paused=[PAUSED]", "small-tier=[TIER_NOT_ALLOWED_FOR_VOLUME]", "tried=[ALREADY_HAD_LEAD]");
        assertThat(result.outOfTerritory()).containsExactly("hamburg");
    }

    @Test
    void theTerritoryIndexFindsTheLongestMatchingPrefixAndWholeCountryPartners() {
        PartnerIndex index = PartnerIndex.of(List.of(
                Leads.partner("germany", PartnerTier.GOLD).build(),
                Leads.partner("bavaria", PartnerTier.GOLD, "8", "80 5").build(),
                Leads.partner("munich-north", PartnerTier.GOLD, "809").build(),
                Leads.partner("austria", PartnerTier.GOLD).setTerritories(List.of(
                        new io.leadrelay.schemas.Territory("AT", List.of()))).build()));
        assertThat(index.inTerritory("de", "80 538")).containsExactly(Map.entry("bavaria", 3),
                Map.entry("germany", 0));
        assertThat(index.inTerritory("DE", "10115")).containsOnlyKeys("germany");
        assertThat(index.inTerritory("AT", null)).containsOnlyKeys("austria");
        assertThat(index.inTerritory(null, "80538")).isEmpty();
        PartnerIndex changed = index.without("germany").with(Leads.partner("munich-north", PartnerTier.GOLD, "805")
                .build());
        assertThat(changed.inTerritory("DE", "80538")).containsExactly(Map.entry("bavaria", 3),
                Map.entry("munich-north", 3));
        assertThat(index.inTerritory("DE", "80538")).containsOnlyKeys("bavaria", "germany");
    }

    @Test
    void pausedUntilInThePastNoLongerExcludes() {
        var partner = Leads.partner("p", PartnerTier.GOLD).setPausedUntil(NOW.minusSeconds(1)).build();
        assertThat(eligibility.evaluate(needs(null, Set.of()), PartnerIndex.of(List.of(partner)), PartnerStats::empty,
                NOW).eligible()).hasSize(1);
    }

    @Test
    void higherTierCloserFitAndLowerLoadScoreHigher() {
        var gold = new Candidate(Leads.partner("gold", PartnerTier.GOLD).build(), PartnerStats.empty("gold"), 0);
        var bronze = new Candidate(Leads.partner("bronze", PartnerTier.BRONZE).build(), PartnerStats.empty("bronze"), 0);
        assertThat(scorer.rank("l", List.of(bronze, gold), NOW)).extracting(ScoredCandidate::partnerId)
                .containsExactly("gold", "bronze");
        var local = new Candidate(Leads.partner("local", PartnerTier.SILVER).build(), PartnerStats.empty("local"), 3);
        var national = new Candidate(Leads.partner("national", PartnerTier.SILVER).build(),
                PartnerStats.empty("national"), 0);
        assertThat(scorer.rank("l", List.of(national, local), NOW).get(0).partnerId()).isEqualTo("local");
    }

    @Test
    void fairnessFavoursAPartnerBehindItsWeightedShare() {
        PartnerStats busy = PartnerStats.empty("busy");
        for (int i = 0; i < 5; i++) {
            busy = busy.apply(event("busy", "l" + i, AssignmentEventType.ASSIGNED), Duration.ofDays(30))
                    .apply(event("busy", "l" + i, AssignmentEventType.CLOSED), Duration.ofDays(30));
        }
        var a = new Candidate(Leads.partner("busy", PartnerTier.SILVER).build(), busy, 0);
        var b = new Candidate(Leads.partner("idle", PartnerTier.SILVER).build(), PartnerStats.empty("idle"), 0);
        List<ScoredCandidate> ranked = scorer.rank("l", List.of(a, b), NOW);
        assertThat(ranked.get(0).partnerId()).isEqualTo("idle");
        assertThat(ranked.get(0).fairness()).isEqualTo(1.0);
        assertThat(ranked.get(1).fairness()).isLessThan(0.5);
    }

    @Test
    void reclaimsAndFaultReturnsLowerPerformance() {
        PartnerStats bad = PartnerStats.empty("bad");
        bad = bad.apply(event("bad", "l1", AssignmentEventType.ASSIGNED), Duration.ofDays(30))
                .apply(event("bad", "l1", AssignmentEventType.RECLAIMED), Duration.ofDays(30));
        AssignmentEvent ret = event("bad", "l2", AssignmentEventType.RETURNED);
        ret.setReason("NO_CAPACITY");
        bad = bad.apply(event("bad", "l2", AssignmentEventType.ASSIGNED), Duration.ofDays(30)).apply(ret,
                Duration.ofDays(30));
        assertThat(PartnerScorer.performance(bad)).isLessThan(PartnerScorer.performance(PartnerStats.empty("x")));
        assertThat(bad.openLeadCount()).isZero();
    }

    @Test
    void sameInputsGiveTheSameOrderAndExactTiesAreBrokenByHashNotListOrder() {
        var p1 = new Candidate(Leads.partner("p1", PartnerTier.SILVER).build(), PartnerStats.empty("p1"), 0);
        var p2 = new Candidate(Leads.partner("p2", PartnerTier.SILVER).build(), PartnerStats.empty("p2"), 0);
        var forward = scorer.rank("lead-x", List.of(p1, p2), NOW);
        var backward = scorer.rank("lead-x", List.of(p2, p1), NOW);
        assertThat(forward).extracting(ScoredCandidate::partnerId)
                .containsExactlyElementsOf(backward.stream().map(ScoredCandidate::partnerId).toList());
        assertThat(forward.get(0).score()).isEqualTo(forward.get(1).score());
        assertThat(forward.get(0).tieBreak()).isLessThan(forward.get(1).tieBreak());
    }

    @Test
    void gradeOrVolumeAssignsOtherwiseOfferToTopK() {
        AssignmentRule rule = new AssignmentRule(settings.assignment());
        var ranked = scorer.rank("l", List.of("a", "b", "c", "d").stream()
                .map(id -> new Candidate(Leads.partner(id, PartnerTier.SILVER).build(), PartnerStats.empty(id), 0))
                .toList(), NOW);
        assertThat(rule.plan(Grade.A, null, ranked).mode()).isEqualTo(AssignmentPlan.Mode.ASSIGN);
        assertThat(rule.plan(Grade.C, new BigDecimal("250000"), ranked).reason()).isEqualTo("LARGE_VOLUME");
        AssignmentPlan offer = rule.plan(Grade.B, new BigDecimal("1000"), ranked);
        assertThat(offer.mode()).isEqualTo(AssignmentPlan.Mode.OFFER);
        assertThat(offer.partners()).hasSize(3).containsExactlyElementsOf(ranked.subList(0, 3));
        assertThat(rule.plan(Grade.B, null, ranked.subList(0, 1)).reason()).isEqualTo("SINGLE_CANDIDATE");
    }

    private static AssignmentEvent event(String partnerId, String leadId, AssignmentEventType type) {
        return AssignmentEvent.newBuilder().setEventId(leadId + type).setLeadId(leadId).setPartnerId(partnerId)
                .setType(type).setAt(NOW).setState(LeadState.ASSIGNED).setReason("WON").build();
    }
}
