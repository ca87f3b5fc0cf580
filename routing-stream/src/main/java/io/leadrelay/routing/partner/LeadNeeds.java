package io.leadrelay.routing.partner;

import java.math.BigDecimal;
import java.util.Set;

import io.leadrelay.schemas.Grade;

/**
 * What partner selection looks at for one lead.
 *
 * @param volumeEur expected volume in EUR, null when unknown or in a currency without a rate
 * @param triedPartners every partner that already had (was offered or assigned) this lead
 */
public record LeadNeeds(String leadId, String country, String postalCode, String product, BigDecimal volumeEur,
        Grade grade, Set<String> triedPartners) {

    public LeadNeeds {
        triedPartners = Set.copyOf(triedPartners);
    }
}
