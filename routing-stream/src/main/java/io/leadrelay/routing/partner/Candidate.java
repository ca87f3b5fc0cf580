package io.leadrelay.routing.partner;

import io.leadrelay.schemas.PartnerProfile;

/**
 * An eligible partner for a lead.
 *
 * @param postalPrefixLength length of the longest postal prefix that matched; 0 when the partner serves the whole country
 */
public record Candidate(PartnerProfile profile, PartnerStats stats, int postalPrefixLength) {

    public String partnerId() {
        return profile.getPartnerId();
    }
}
