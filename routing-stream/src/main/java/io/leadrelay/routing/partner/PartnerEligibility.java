package io.leadrelay.routing.partner;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.leadrelay.routing.config.RoutingSettings;
import io.leadrelay.schemas.PartnerProfile;
import io.leadrelay.schemas.Territory;

/** Which partners may get a lead, and why each other one may not. */
public final class PartnerEligibility {

    private final Map<io.leadrelay.schemas.PartnerTier, BigDecimal> maxVolumeByTier;

    public PartnerEligibility(RoutingSettings.Eligibility settings) {
        this.maxVolumeByTier = Map.copyOf(settings.maxVolumeEurByTier());
    }

    public EligibilityResult evaluate(LeadNeeds lead, Collection<PartnerProfile> partners,
            Function<String, PartnerStats> statsOf, Instant now) {
        List<Candidate> eligible = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        for (PartnerProfile partner : partners) {
            PartnerStats stats = statsOf.apply(partner.getPartnerId());
            List<Exclusion.Reason> reasons = new ArrayList<>();
            if (!partner.getActive()) {
                reasons.add(Exclusion.Reason.INACTIVE);
            }
            if (partner.getPausedUntil() != null && now.isBefore(partner.getPausedUntil())) {
                reasons.add(Exclusion.Reason.PAUSED);
            }
            int prefixLength = territoryMatch(partner, lead);
            if (prefixLength < 0) {
                reasons.add(Exclusion.Reason.OUT_OF_TERRITORY);
            }
            if (lead.product() != null && partner.getProducts().stream()
                    .noneMatch(p -> p.equalsIgnoreCase(lead.product().trim()))) {
                reasons.add(Exclusion.Reason.PRODUCT_NOT_SOLD);
            }
            BigDecimal maxVolume = maxVolumeByTier.get(partner.getTier());
            if (maxVolume != null && lead.volumeEur() != null && lead.volumeEur().compareTo(maxVolume) > 0) {
                reasons.add(Exclusion.Reason.TIER_NOT_ALLOWED_FOR_VOLUME);
            }
            if (stats.openLeadCount() >= partner.getCapacity()) {
                reasons.add(Exclusion.Reason.AT_CAPACITY);
            }
            if (lead.triedPartners().contains(partner.getPartnerId())) {
                reasons.add(Exclusion.Reason.ALREADY_HAD_LEAD);
            }
            if (reasons.isEmpty()) {
                eligible.add(new Candidate(partner, stats, prefixLength));
            } else {
                excluded.add(new Exclusion(partner.getPartnerId(), reasons));
            }
        }
        eligible.sort(Comparator.comparing(Candidate::partnerId));
        excluded.sort(Comparator.comparing(Exclusion::partnerId));
        return new EligibilityResult(eligible, excluded);
    }

    /** -1 outside the territory; 0 for a whole-country territory; else the longest matching postal prefix. */
    static int territoryMatch(PartnerProfile partner, LeadNeeds lead) {
        if (lead.country() == null) {
            return -1;
        }
        String postal = lead.postalCode() == null ? "" : lead.postalCode().replace(" ", "").toUpperCase(Locale.ROOT);
        int best = -1;
        for (Territory territory : partner.getTerritories()) {
            if (!territory.getCountry().equalsIgnoreCase(lead.country())) {
                continue;
            }
            if (territory.getPostalPrefixes().isEmpty()) {
                best = Math.max(best, 0);
                continue;
            }
            for (String prefix : territory.getPostalPrefixes()) {
                String p = prefix.replace(" ", "").toUpperCase(Locale.ROOT);
                if (!p.isEmpty() && postal.startsWith(p)) {
                    best = Math.max(best, p.length());
                }
            }
        }
        return best;
    }
}
