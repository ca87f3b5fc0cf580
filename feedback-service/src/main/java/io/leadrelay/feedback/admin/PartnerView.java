package io.leadrelay.feedback.admin;

import java.time.Instant;
import java.util.List;

import io.leadrelay.schemas.PartnerProfile;

/** Partner master data as stored. */
public record PartnerView(String partnerId, String name, List<TerritoryView> territories, List<String> products,
        String tier, int capacity, double weight, String acceptSla, boolean active, Instant pausedUntil,
        Instant updatedAt) {

    public record TerritoryView(String country, List<String> postalPrefixes) {
    }

    static PartnerView of(PartnerProfile p) {
        return new PartnerView(p.getPartnerId(), p.getName(),
                p.getTerritories().stream().map(t -> new TerritoryView(t.getCountry(), t.getPostalPrefixes())).toList(),
                p.getProducts(), p.getTier().name(), p.getCapacity(), p.getWeight(), p.getAcceptSla(), p.getActive(),
                p.getPausedUntil(), p.getUpdatedAt());
    }
}
