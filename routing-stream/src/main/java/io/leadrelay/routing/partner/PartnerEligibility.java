package io.leadrelay.routing.partner;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.schemas.PartnerProfile;

/**
 * Which partners may get a lead, and why each other one may not. Only the partners whose territory covers the lead
 * (found through the {@link PartnerIndex}) are checked against every other criterion; the rest are reported as
 * out of territory, which alone rules them out.
 */
public final class PartnerEligibility {

    private final Map<io.leadrelay.schemas.PartnerTier, BigDecimal> maxVolumeByTier;

    public PartnerEligibility(RoutingSettings.Eligibility settings) {
        this.maxVolumeByTier = Map.copyOf(settings.maxVolumeEurByTier());
    }

    public EligibilityResult evaluate(LeadNeeds lead, PartnerIndex partners, Function<String, PartnerStats> statsOf,
            Instant now) {
        SortedMap<String, Integer> inTerritory = partners.inTerritory(lead.country(), lead.postalCode());
        List<Candidate> eligible = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        String product = lead.product() == null ? null : lead.product().trim();
        inTerritory.forEach((partnerId, prefixLength) -> {
            PartnerProfile partner = partners.get(partnerId);
            PartnerStats stats = statsOf.apply(partnerId);
            List<Exclusion.Reason> reasons = new ArrayList<>(1);
            if (!partner.getActive()) {
                reasons.add(Exclusion.Reason.INACTIVE);
            }
            if (partner.getPausedUntil() != null && now.isBefore(partner.getPausedUntil())) {
                reasons.add(Exclusion.Reason.PAUSED);
            }
            if (product != null && !sells(partner, product)) {
                reasons.add(Exclusion.Reason.PRODUCT_NOT_SOLD);
            }
            BigDecimal maxVolume = maxVolumeByTier.get(partner.getTier());
            if (maxVolume != null && lead.volumeEur() != null && lead.volumeEur().compareTo(maxVolume) > 0) {
                reasons.add(Exclusion.Reason.TIER_NOT_ALLOWED_FOR_VOLUME);
            }
            if (stats.openLeadCount() >= partner.getCapacity()) {
                reasons.add(Exclusion.Reason.AT_CAPACITY);
            }
            if (lead.triedPartners().contains(partnerId)) {
                reasons.add(Exclusion.Reason.ALREADY_HAD_LEAD);
            }
            if (reasons.isEmpty()) {
                eligible.add(new Candidate(partner, stats, prefixLength));
            } else {
                excluded.add(new Exclusion(partnerId, reasons));
            }
        });
        List<String> outOfTerritory = new ArrayList<>(partners.all().size() - inTerritory.size());
        for (String partnerId : partners.all().keySet()) {
            if (!inTerritory.containsKey(partnerId)) {
                outOfTerritory.add(partnerId);
            }
        }
        return new EligibilityResult(eligible, excluded, outOfTerritory);
    }

    private static boolean sells(PartnerProfile partner, String product) {
        for (String p : partner.getProducts()) {
            if (p.equalsIgnoreCase(product)) {
                return true;
            }
        }
        return false;
    }
}
